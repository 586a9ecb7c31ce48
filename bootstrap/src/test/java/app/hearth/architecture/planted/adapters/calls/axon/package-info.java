/** A planted outbound adapter: an Axon command bus of the planted calls feature. */
package app.hearth.architecture.planted.adapters.calls.axon;
