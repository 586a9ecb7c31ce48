/** The Axon shell of the wallet decider and the adapters that send it commands and read its events. */
package app.hearth.adapters.axon.money;
