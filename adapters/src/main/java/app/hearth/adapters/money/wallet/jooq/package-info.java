/** The wallets' read model kept by their projection, and its queries, with jOOQ. */
package app.hearth.adapters.money.wallet.jooq;
