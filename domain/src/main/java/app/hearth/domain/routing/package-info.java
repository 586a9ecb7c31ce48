/** Routing "anyone available": a pure ranking of the available companions and the rule that decided it. */
package app.hearth.domain.routing;
