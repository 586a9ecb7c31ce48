/** Payments: the providers' payment events recorded once, matched to members and applied to their wallets. */
package app.hearth.adapters.money.payments;
