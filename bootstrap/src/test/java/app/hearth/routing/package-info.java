/** Routing tests: every rule through a call for anyone, re-offers, the queue and its dispatcher, the two-node race. */
package app.hearth.routing;
