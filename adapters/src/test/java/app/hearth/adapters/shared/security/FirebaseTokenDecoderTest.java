package app.hearth.adapters.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Role;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * Production tokens go through firebase-admin for the configured project: a token that Firebase did not issue
 * for that project, or that is expired, unsigned or has no key id, is refused before any network call (the
 * checks of content come before the signature, whose keys Google serves). A real Firebase token end to end, and
 * revocation: FirebaseEmulatorIT in bootstrap.
 */
class FirebaseTokenDecoderTest {

    static FirebaseApp app;
    static FirebaseTokenDecoder decoder;

    @BeforeAll
    static void firebase() {
        app = FirebaseApp.initializeApp(FirebaseOptions.builder()
                .setProjectId("demo-hearth")
                .setCredentials(GoogleCredentials.create(new AccessToken("test", null)))
                .build(), "firebase-token-decoder-test");
        decoder = new FirebaseTokenDecoder(FirebaseAuth.getInstance(app), false);
    }

    @AfterAll
    static void close() {
        app.delete();
    }

    @Test
    void aTokenNotIssuedByFirebaseForThisProjectIsRefused() {
        var local = new LocalTokenIssuer(new HearthAuthProperties.LocalIssuer(true, null, null, null),
                Clock.systemUTC()).issue("ada", Role.ADMIN);
        assertThatThrownBy(() -> decoder.decode(local.token()))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Firebase ID token was refused")
                .hasMessageContaining("demo-hearth");
    }

    @Test
    void anExpiredTokenIsRefused() {
        var now = Instant.now();
        assertRefused(signed(firebaseClaims(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))).build()),
                "has expired");
    }

    @Test
    void aTokenForAnotherProjectIsRefused() {
        var now = Instant.now();
        assertRefused(signed(firebaseClaims(now, now.plus(Duration.ofHours(1))).audience("another-project").build()),
                "incorrect \"aud\" (audience) claim");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        var now = Instant.now();
        assertRefused(signed(firebaseClaims(now, now.plus(Duration.ofHours(1)))
                .issuer("https://securetoken.google.com/another-project").build()), "incorrect \"iss\" (issuer) claim");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        var now = Instant.now();
        // "alg": "none" with a key id, so that the algorithm itself is what is refused
        var header = new PlainHeader.Builder().customParam("kid", "any-key").build();
        String unsigned = new PlainJWT(header, firebaseClaims(now, now.plus(Duration.ofHours(1))).build()).serialize();
        assertThat(unsigned).endsWith(".");
        assertRefused(unsigned, "incorrect algorithm");
    }

    @Test
    void aSignedTokenWithoutAKeyIdIsRefused() throws Exception {
        var now = Instant.now();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), firebaseClaims(now, now.plus(Duration.ofHours(1)))
                .build());
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        jwt.sign(new RSASSASigner(keys.generateKeyPair().getPrivate()));
        assertRefused(jwt.serialize(), "no \"kid\" claim");
    }

    /** What Firebase would put in an ID token of project demo-hearth, valid from {@code issued} to {@code expires}. */
    private static JWTClaimsSet.Builder firebaseClaims(Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("https://securetoken.google.com/demo-hearth")
                .audience("demo-hearth")
                .subject("firebase-user-1")
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .claim("auth_time", issued.getEpochSecond());
    }

    /** Signed with a key Google never had (never fetched: each of these is refused on its content first). */
    private static String signed(JWTClaimsSet claims) {
        return new LocalTokenIssuer(new HearthAuthProperties.LocalIssuer(true, null, null, null), Clock.systemUTC())
                .sign(claims);
    }

    private static void assertRefused(String token, String reason) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Firebase ID token was refused")
                .hasMessageContaining(reason);
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> decoder.decode("not.a.token")).isInstanceOf(BadJwtException.class);
    }
}
