/** LiveKit: access tokens for joining rooms, signed as LiveKit signs its tokens (HS256 JWTs). */
package app.hearth.adapters.media.livekit;
