/**
 * The call aggregate's Axon shell, its command bus, routing and history, and the processors that act on call events.
 */
package app.hearth.adapters.calls.axon;
