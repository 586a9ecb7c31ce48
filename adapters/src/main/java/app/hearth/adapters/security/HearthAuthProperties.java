package app.hearth.adapters.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callers are authenticated ({@code hearth.auth.*}).
 *
 * @param localIssuer the built-in issuer for local runs and tests; refused in production
 * @param firebase    Firebase ID token verification, used whenever the local issuer is off
 */
@ConfigurationProperties("hearth.auth")
public record HearthAuthProperties(LocalIssuer localIssuer, Firebase firebase) {

    public HearthAuthProperties {
        localIssuer = localIssuer == null ? new LocalIssuer(false, null, null, null) : localIssuer;
        firebase = firebase == null ? new Firebase(null, true) : firebase;
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
