/** The Axon shell of the wallet decider, its routing, and the adapters that send it commands and read its events. */
package app.hearth.adapters.money.wallet.axon;
