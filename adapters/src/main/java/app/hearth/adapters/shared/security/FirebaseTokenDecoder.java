package app.hearth.adapters.shared.security;

import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies Firebase ID tokens with firebase-admin (signature against Google's keys, project id as audience and
 * issuer, expiry, and revocation when configured) and hands them to Spring Security as a {@link Jwt}.
 */
public final class FirebaseTokenDecoder implements JwtDecoder {

    private final FirebaseAuth auth;
    private final boolean checkRevoked;

    public FirebaseTokenDecoder(FirebaseAuth auth, boolean checkRevoked) {
        this.auth = auth;
        this.checkRevoked = checkRevoked;
    }

    @Override
    public Jwt decode(String token) {
        FirebaseToken verified;
        try {
            verified = auth.verifyIdToken(token, checkRevoked);
        } catch (FirebaseAuthException | IllegalArgumentException refused) {
            throw new BadJwtException("the Firebase ID token was refused: " + refused.getMessage(), refused);
        }
        Map<String, Object> claims = new HashMap<>(verified.getClaims());
        claims.put("sub", verified.getUid());
        Object issuedAt = claims.get("iat");
        Object expiresAt = claims.get("exp");
        return Jwt.withTokenValue(token)
                .headers(headers -> headers.put("alg", "RS256"))
                .claims(all -> all.putAll(claims))
                .issuedAt(issuedAt instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null)
                .expiresAt(expiresAt instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null)
                .build();
    }
}
