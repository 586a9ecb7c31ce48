/** The Axon shell of the earnings-account decider and the adapters that send it commands and read its events. */
package app.hearth.adapters.earnings.axon;
