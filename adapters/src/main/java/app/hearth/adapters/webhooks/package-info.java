/** Webhooks of the payment providers: authenticating Stripe and Adapty, reading their events, answering them. */
package app.hearth.adapters.webhooks;
