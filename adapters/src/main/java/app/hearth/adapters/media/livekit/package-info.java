/** LiveKit: access tokens for joining rooms, and authenticating LiveKit's webhook requests (HS256 JWTs). */
package app.hearth.adapters.media.livekit;
