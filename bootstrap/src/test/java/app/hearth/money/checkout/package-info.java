/** Tests of web checkout against Stripe's API faked over HTTP. */
package app.hearth.money.checkout;
