/** The call aggregate's Axon shell, its command bus and history, and the processors that act on call events. */
package app.hearth.adapters.axon.calls;
