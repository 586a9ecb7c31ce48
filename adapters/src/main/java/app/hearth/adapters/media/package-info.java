/** The media server's side of Hearth: rooms and webhooks of LiveKit. */
package app.hearth.adapters.media;
