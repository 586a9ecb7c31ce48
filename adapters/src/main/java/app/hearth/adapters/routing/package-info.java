/** Routing's adapters: its tables, its web routes, the queue's dispatcher and their wiring. */
package app.hearth.adapters.routing;
