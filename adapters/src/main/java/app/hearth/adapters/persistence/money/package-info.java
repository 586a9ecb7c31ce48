/** jOOQ persistence of money-in: catalog versions, and the wallets' read model kept by their projection. */
package app.hearth.adapters.persistence.money;
