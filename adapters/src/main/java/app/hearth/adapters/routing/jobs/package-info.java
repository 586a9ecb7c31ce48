/** The queue's dispatcher: every node polls, one at a time dispatches. */
package app.hearth.adapters.routing.jobs;
