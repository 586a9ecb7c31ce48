package app.hearth.adapters.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A token is verified once and reused for a bounded time, never past its expiry; refusals are never reused. */
class VerifiedTokensTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private Instant now = T;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger verifications = new AtomicInteger();
    /** Tokens named "good-<seconds to expiry>" verify; anything else is refused. */
    private final JwtDecoder decoder = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("refused");
        }
        Instant expiry = T.plusSeconds(Long.parseLong(token.substring(5)));
        if (!now.isBefore(expiry)) {
            throw new BadJwtException("expired");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("ann").issuedAt(T).expiresAt(expiry).build();
    };

    @Test
    void aVerifiedTokenIsReusedUntilTheReverificationTime() {
        var tokens = new VerifiedTokens(decoder, clock, Duration.ofMinutes(1), 100);
        Jwt first = tokens.decode("good-3600");
        now = T.plusSeconds(59);
        assertThat(tokens.decode("good-3600")).isSameAs(first);
        assertThat(verifications).hasValue(1);
        now = T.plusSeconds(60);
        tokens.decode("good-3600");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenIsNeverReusedPastItsExpiry() {
        var tokens = new VerifiedTokens(decoder, clock, Duration.ofMinutes(1), 100);
        tokens.decode("good-30");
        now = T.plusSeconds(29);
        tokens.decode("good-30");
        assertThat(verifications).hasValue(1);
        now = T.plusSeconds(30);
        assertThatThrownBy(() -> tokens.decode("good-30")).isInstanceOf(BadJwtException.class)
                .hasMessage("expired");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeByTheDecoder() {
        var tokens = new VerifiedTokens(decoder, clock, Duration.ofMinutes(1), 100);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void zeroVerifiesEveryRequestAndMemoryStaysWithinCapacity() {
        var never = new VerifiedTokens(decoder, clock, Duration.ZERO, 100);
        never.decode("good-3600");
        never.decode("good-3600");
        assertThat(verifications).hasValue(2);
        assertThat(never.size()).isZero();

        var small = new VerifiedTokens(decoder, clock, Duration.ofMinutes(1), 3);
        for (int i = 0; i < 10; i++) {
            small.decode("good-" + (3600 + i));
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }
}
