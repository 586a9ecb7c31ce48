/** Webhooks of the payment providers (Stripe, Adapty): authenticating them, reading their events, answering them. */
package app.hearth.adapters.money.payments.webhooks;
