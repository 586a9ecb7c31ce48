/** Checkout: a member starts paying for a product of their version on the web (Stripe Checkout). */
package app.hearth.application.money.checkout;
