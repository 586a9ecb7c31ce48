/**
 * Spring wiring of the media server: join tokens, webhook authentication and the webhook use case with its listeners.
 */
package app.hearth.adapters.media.config;
