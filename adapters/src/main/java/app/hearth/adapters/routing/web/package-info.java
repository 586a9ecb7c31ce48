/** Routing's REST routes: the decisions for staff, "talk to someone now", and the member's place in the queue. */
package app.hearth.adapters.routing.web;
