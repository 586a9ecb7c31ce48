package app.hearth.adapters.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Role;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * Production tokens go through firebase-admin for the configured project: a token that Firebase did not issue
 * for that project is refused before any network call. (End to end against the Firebase Auth emulator: see the
 * people-and-access work.)
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
    void garbageIsRefused() {
        assertThatThrownBy(() -> decoder.decode("not.a.token")).isInstanceOf(BadJwtException.class);
    }
}
