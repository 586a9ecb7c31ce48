/** Webhooks of the payment providers and of LiveKit: authenticating them, reading their events, answering them. */
package app.hearth.adapters.webhooks;
