package app.hearth.adapters.media.webhooks;

import app.hearth.adapters.media.livekit.LiveKitJwt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * Authenticates a LiveKit webhook exactly as LiveKit signs it: the {@code Authorization} header is a JWT signed
 * HS256 with the API secret, issued by the API key, within its {@code nbf}/{@code exp} (give or take the clock
 * skew), whose {@code sha256} claim is the base64 SHA-256 of the raw body. A missing key or secret refuses
 * everything.
 */
public final class LiveKitWebhookVerifier {

    public static final String HEADER = "Authorization";

    private final String apiKey;
    private final byte[] secret;
    private final Duration clockSkew;
    private final Clock clock;

    /** Why a request was refused (for the log and the 401's detail; never echoes the token). */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    public LiveKitWebhookVerifier(String apiKey, String apiSecret, Duration clockSkew, Clock clock) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.secret = apiSecret == null || apiSecret.isBlank() ? null : apiSecret.getBytes(StandardCharsets.UTF_8);
        this.clockSkew = clockSkew == null ? Duration.ZERO : clockSkew;
        this.clock = clock;
    }

    public boolean configured() {
        return apiKey != null && secret != null;
    }

    public void verify(byte[] body, String authorization) throws Refused {
        if (!configured()) {
            throw new Refused("LiveKit webhooks are not configured (hearth.media.livekit.api-key/api-secret)");
        }
        if (authorization == null || authorization.isBlank()) {
            throw new Refused("the Authorization header is missing");
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        JsonNode claims;
        try {
            claims = LiveKitJwt.verify(token, secret);
        } catch (LiveKitJwt.Invalid invalid) {
            throw new Refused(invalid.getMessage());
        }
        if (!apiKey.equals(claims.path("iss").asString(null))) {
            throw new Refused("the token was not issued by the configured API key");
        }
        Instant now = clock.instant();
        JsonNode exp = claims.path("exp");
        if (!exp.isIntegralNumber()) {
            throw new Refused("the token has no expiry");
        }
        if (!now.isBefore(Instant.ofEpochSecond(exp.asLong()).plus(clockSkew))) {
            throw new Refused("the token has expired");
        }
        JsonNode nbf = claims.path("nbf");
        if (nbf.isIntegralNumber() && now.plus(clockSkew).isBefore(Instant.ofEpochSecond(nbf.asLong()))) {
            throw new Refused("the token is not valid yet");
        }
        String claimed = claims.path("sha256").asString(null);
        if (claimed == null || claimed.isBlank()) {
            throw new Refused("the token has no sha256 claim");
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(claimed);
        } catch (IllegalArgumentException notBase64) {
            throw new Refused("the sha256 claim is not base64");
        }
        if (!MessageDigest.isEqual(presented, sha256(body))) {
            throw new Refused("the body does not match the token's sha256 claim");
        }
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
