package app.hearth.adapters.media.livekit;

import app.hearth.application.media.MediaAccess;
import app.hearth.application.media.MediaRooms;
import app.hearth.application.shared.ProviderFailure;
import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * LiveKit access tokens: HS256 with the API secret, {@code iss} the API key, {@code sub} the identity, the
 * display name, {@code nbf} now, {@code exp} the end of the join window, a fresh {@code jti}, and a video grant to
 * join the one room and publish and subscribe. LiveKit checks {@code exp} only when a client connects.
 */
public final class LiveKitRooms implements MediaRooms {

    private final String url;
    private final String apiKey;
    private final byte[] secret;

    public LiveKitRooms(String url, String apiKey, String apiSecret) {
        this.url = url;
        this.apiKey = apiKey;
        this.secret = apiSecret == null ? new byte[0] : apiSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public MediaAccess grant(String room, String identity, String displayName, Duration joinWindow, Instant now) {
        RuleViolation.requireText(room, "room");
        RuleViolation.requireText(identity, "identity");
        RuleViolation.require(now, "now");
        MediaRooms.requireJoinWindow(joinWindow);
        if (apiKey == null || apiKey.isBlank() || secret.length == 0) {
            throw new ProviderFailure("MEDIA_NOT_CONFIGURED",
                    "hearth.media.livekit.api-key and api-secret are not set: no media token can be made");
        }
        Instant expiresAt = now.plus(joinWindow);
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("room", room);
        video.put("roomJoin", true);
        video.put("canPublish", true);
        video.put("canSubscribe", true);
        video.put("canPublishData", true);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", apiKey);
        claims.put("sub", identity);
        if (displayName != null && !displayName.isBlank()) {
            claims.put("name", displayName);
        }
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("video", video);
        return new MediaAccess(url, room, identity, LiveKitJwt.sign(claims, secret),
                Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }
}
