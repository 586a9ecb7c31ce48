package app.hearth.adapters.shared.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * How callers are authenticated ({@code hearth.auth.*}).
 *
 * @param localIssuer the built-in issuer for local runs and tests; refused in production
 * @param firebase    Firebase ID token verification, used whenever the local issuer is off
 * @param reuseVerifiedTokensFor how long a token whose verification needs no server is reused once verified
 *                    ({@link VerifiedTokens}, adr/0027; never past its expiry; zero verifies every request)
 */
@ConfigurationProperties("hearth.auth")
public record HearthAuthProperties(LocalIssuer localIssuer, Firebase firebase, Duration reuseVerifiedTokensFor) {

    /** The most verified tokens a node keeps (about 2 KB each). */
    public static final int VERIFIED_TOKENS_KEPT = 50_000;

    public HearthAuthProperties {
        localIssuer = localIssuer == null ? new LocalIssuer(false, null, null, null) : localIssuer;
        firebase = firebase == null ? new Firebase(null, true) : firebase;
        reuseVerifiedTokensFor = reuseVerifiedTokensFor == null ? Duration.ofMinutes(1) : reuseVerifiedTokensFor;
    }

    /** {@code decoder}, reusing what it verified when it asks no server. */
    JwtDecoder reusing(JwtDecoder decoder, Clock clock) {
        return new VerifiedTokens(decoder, clock, reuseVerifiedTokensFor, VERIFIED_TOKENS_KEPT);
    }

    /** The local issuer: on or off, the issuer and audience it signs, and how long its tokens live. */
    public record LocalIssuer(boolean enabled, String issuer, String audience, Duration tokenLifetime) {
        public LocalIssuer {
            issuer = issuer == null ? "hearth-local" : issuer;
            audience = audience == null ? "hearth" : audience;
            tokenLifetime = tokenLifetime == null ? Duration.ofHours(1) : tokenLifetime;
        }
    }

    /** The Firebase project whose ID tokens are accepted, and whether revoked tokens are checked for. */
    public record Firebase(String projectId, boolean checkRevoked) {
    }
}
