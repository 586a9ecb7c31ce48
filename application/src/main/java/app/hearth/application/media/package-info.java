/** Media: credentials to join a media room, and the media server's webhook events handed to whoever listens. */
package app.hearth.application.media;
