/** Calls to Stripe's API through stripe-java: Checkout sessions. */
package app.hearth.adapters.money.checkout.stripe;
