/** Wallets: what each member holds under their monetization version, spent by calls and filled by payments. */
package app.hearth.adapters.money.wallet;
