package app.hearth.application.media;

import java.time.Instant;

/**
 * What a client needs to join a media room: the server's URL, the room, the identity it joins as, and a token
 * that the media server accepts for joining until {@code expiresAt} (a connection made before then stays up).
 */
public record MediaAccess(String url, String room, String identity, String token, Instant expiresAt) {
}
