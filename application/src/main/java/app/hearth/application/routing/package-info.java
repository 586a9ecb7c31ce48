/** Routing use cases: ranking the available companions for a member, recording every decision, reading them. */
package app.hearth.application.routing;
