/** Spring wiring of web checkout: Stripe Checkout when a Stripe API key is set, else a clear refusal. */
package app.hearth.adapters.money.checkout.config;
