package app.hearth.adapters.shared.security;

import app.hearth.domain.access.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A token issuer for local runs and tests: signs RS256 tokens for any user id and role with a key made at
 * start-up, and verifies them exactly as production verifies Firebase tokens (signature, expiry, issuer,
 * audience). Never active in production.
 */
public final class LocalTokenIssuer {

    /** A signed token and when it stops being accepted. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final KeyPair keys;
    private final HearthAuthProperties.LocalIssuer settings;
    private final Clock clock;

    public LocalTokenIssuer(HearthAuthProperties.LocalIssuer settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has RSA", e);
        }
    }

    public IssuedToken issue(String userId, Role role) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.tokenLifetime());
        var claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(settings.issuer())
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(HearthJwtAuthenticationConverter.ROLE_CLAIM, role.name().toLowerCase(Locale.ROOT))
                .build();
        return new IssuedToken(sign(claims), expires);
    }

    /**
     * Signs any claims with this issuer's key, as they are: no check of issuer, audience or time. The tests use it
     * to show that the decoder refuses what this issuer signed for someone else, or too late.
     */
    public String sign(JWTClaimsSet claims) {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("hearth-local").build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies tokens of this issuer: signature, time (on the clock that issues them), issuer and audience.
     */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(settings.audience()));
        var time = new org.springframework.security.oauth2.jwt.JwtTimestampValidator();
        time.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(time,
                new org.springframework.security.oauth2.jwt.JwtIssuerValidator(settings.issuer()), audience));
        return decoder;
    }
}
