/**
 * Money in: the catalog members buy from, their wallets, the payments that fill them, checkout and paywall experiments.
 */
package app.hearth.adapters.money;
