package app.hearth.adapters.shared.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A decoder that verifies each token once and reuses the result (adr/0027): a client sends the same token with every
 * request for an hour (a heartbeat every 10 s), and checking an RS256 signature each time was a fifth of a
 * heartbeat's cost. Only for a decoder whose answer depends on nothing but the token and the time (signature,
 * issuer, audience, expiry); never in front of one that asks a server (Firebase's revocation check).
 *
 * <p>A verified token is reused until {@code reverifyAfter} has passed or it expires, whichever is first, on the
 * same clock the decoder checks expiry on. A refused token is not remembered: it is refused again by the decoder.
 * Memory is bounded: beyond {@code capacity} tokens the expired ones are dropped, and if that is not enough, all.
 */
public final class VerifiedTokens implements JwtDecoder {

    private record Verified(Jwt jwt, Instant reuseUntil) {
    }

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Duration reverifyAfter;
    private final int capacity;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder decoder, Clock clock, Duration reverifyAfter, int capacity) {
        if (reverifyAfter.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("reverifyAfter must not be negative and capacity must be positive");
        }
        this.decoder = decoder;
        this.clock = clock;
        this.reverifyAfter = reverifyAfter;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.reuseUntil())) {
            return known.jwt();
        }
        Jwt jwt = decoder.decode(token);
        Instant until = now.plus(reverifyAfter);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (now.isBefore(until)) {
            if (verified.size() >= capacity) {
                verified.values().removeIf(entry -> !now.isBefore(entry.reuseUntil()));
                if (verified.size() >= capacity) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(jwt, until));
        } else if (known != null) {
            verified.remove(token, known);
        }
        return jwt;
    }

    /** How many verified tokens are kept now. */
    int size() {
        return verified.size();
    }
}
