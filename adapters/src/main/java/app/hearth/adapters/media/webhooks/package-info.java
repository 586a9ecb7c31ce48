/** LiveKit's webhook: authenticating its signed requests, reading their events, answering them. */
package app.hearth.adapters.media.webhooks;
