/** Payment events: one provider-neutral form for what Stripe and Adapty report, and who the purchaser may be. */
package app.hearth.domain.money.payments;
