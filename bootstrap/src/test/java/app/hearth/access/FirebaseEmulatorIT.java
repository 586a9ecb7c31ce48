package app.hearth.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.bootstrap.HearthApplication;
import app.hearth.support.Api;
import app.hearth.support.FirebaseAuthEmulator;
import app.hearth.support.TestDatabase;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.UserRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hearth as in production (local issuer off, firebase-admin verifying ID tokens with revocation checks) against
 * the Firebase Auth emulator: real Firebase ID tokens from the emulator's sign-up and sign-in, revocation and
 * disabled users, and role claims published to Firebase. A context of its own, on a database of its own (its
 * claim relay must publish only its own users' claims), closed after the class.
 *
 * <p>In emulator mode firebase-admin does not check signatures (the emulator signs nothing): unsigned and
 * tampered tokens are refused in FirebaseTokenDecoderTest (firebase-admin) and AuthenticationIT (local issuer).
 */
@SpringBootTest(classes = HearthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hearth.auth.local-issuer.enabled=false",
            "hearth.auth.firebase.project-id=" + FirebaseAuthEmulator.PROJECT_ID,
            "hearth.auth.firebase.check-revoked=true",
            "hearth.access.superadmins=" + FirebaseEmulatorIT.ROOT,
            "hearth.access.claim-relay-delay=PT0.2S",
            "hearth.rate-limits.auth.capacity=1000000"
        })
@DirtiesContext
class FirebaseEmulatorIT {

    static final String ROOT = "emulator-root";
    private static final String ROOT_EMAIL = "root@hearth.test";
    private static final String PASSWORD = "correct-horse-battery";
    private static final String DATABASE = TestDatabase.another("firebase");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static FirebaseAuthEmulator emulator;

    @LocalServerPort
    int port;

    @Autowired
    FirebaseAuth firebase;

    @BeforeAll
    static void startTheEmulator() {
        emulator = FirebaseAuthEmulator.start();
        emulator.createUser(ROOT, ROOT_EMAIL, PASSWORD);
    }

    @AfterAll
    static void stopTheEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @Test
    void aRealFirebaseIdTokenIsAcceptedAndItsUserIsAMember() {
        var ada = emulator.signUp("ada@hearth.test", PASSWORD);
        assertThat(payload(ada.idToken()).get("iss").asString())
                .isEqualTo("https://securetoken.google.com/" + FirebaseAuthEmulator.PROJECT_ID);

        var role = api(ada.idToken()).get("/api/v1/users/" + ada.uid() + "/role");
        assertThat(role.status()).isEqualTo(200);
        assertThat(role.body().get("role").asString()).isEqualTo("member");
    }

    @Test
    void expiredWrongAudienceAndWrongIssuerTokensAreRefusedWithAProblem() {
        var bob = emulator.signUp("bob@hearth.test", PASSWORD);
        String path = "/api/v1/users/" + bob.uid() + "/role";
        assertThat(api(bob.idToken()).get(path).status()).isEqualTo(200);
        long now = Instant.now().getEpochSecond();

        assertUnauthenticated(api(altered(bob.idToken(), claims -> {
            claims.put("iat", now - 7200);
            claims.put("auth_time", now - 7200);
            claims.put("exp", now - 3600);
        })).get(path), "expired");
        assertUnauthenticated(api(altered(bob.idToken(), claims -> claims.put("aud", "another-project"))).get(path),
                "audience");
        assertUnauthenticated(api(altered(bob.idToken(), claims -> claims.put("iss",
                "https://securetoken.google.com/another-project"))).get(path), "issuer");
        assertUnauthenticated(api("not-a-token").get(path), "refused");
        assertUnauthenticated(api(null).get(path), "bearer token is required");
    }

    @Test
    void aTokenRevokedInFirebaseIsRefusedOnTheNextRequest() throws Exception {
        var cleo = emulator.signUp("cleo@hearth.test", PASSWORD);
        String path = "/api/v1/users/" + cleo.uid() + "/role";
        assertThat(api(cleo.idToken()).get(path).status()).isEqualTo(200);

        // Firebase counts revocation in whole seconds: a token issued in the second of the revocation stays valid
        Thread.sleep(Duration.ofMillis(1100));
        firebase.revokeRefreshTokens(cleo.uid());

        assertUnauthenticated(api(cleo.idToken()).get(path), "revoked");
        // signing in again gives a token that works
        var again = emulator.signIn("cleo@hearth.test", PASSWORD);
        assertThat(api(again.idToken()).get(path).status()).isEqualTo(200);
    }

    @Test
    void theTokenOfAUserDisabledInFirebaseIsRefused() throws Exception {
        var dan = emulator.signUp("dan@hearth.test", PASSWORD);
        String path = "/api/v1/users/" + dan.uid() + "/role";
        assertThat(api(dan.idToken()).get(path).status()).isEqualTo(200);

        firebase.updateUser(new UserRecord.UpdateRequest(dan.uid()).setDisabled(true));

        assertUnauthenticated(api(dan.idToken()).get(path), "disabled");
    }

    @Test
    void aStaffRoleRevokedInHearthIsRefusedOnTheVeryNextRequestWithTheSameFirebaseToken() {
        Api root = api(emulator.signIn(ROOT_EMAIL, PASSWORD).idToken());
        var grace = emulator.signUp("grace@hearth.test", PASSWORD);
        Api graceApi = api(grace.idToken());
        assertThat(graceApi.get("/api/v1/users/" + ROOT + "/role").status()).isEqualTo(403);

        assertThat(root.put("/api/v1/users/" + grace.uid() + "/role", Map.of("role", "admin")).status())
                .isEqualTo(200);
        // the same token, issued before the grant and carrying no role claim: Hearth's record decides
        assertThat(graceApi.get("/api/v1/users/" + ROOT + "/role").status()).isEqualTo(200);

        assertThat(root.delete("/api/v1/users/" + grace.uid() + "/role/admin").status()).isEqualTo(200);
        var refused = graceApi.get("/actuator/prometheus");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void aGrantedRoleBecomesTheUsersFirebaseCustomClaimAndTheirOtherClaimsStay() throws Exception {
        var erin = emulator.signUp("erin@hearth.test", PASSWORD);
        firebase.setCustomUserClaims(erin.uid(), Map.of("tier", "gold"));
        Api root = api(emulator.signIn(ROOT_EMAIL, PASSWORD).idToken());

        assertThat(root.put("/api/v1/users/" + erin.uid() + "/role", Map.of("role", "companion")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(firebase.getUser(erin.uid()).getCustomClaims())
                        .isEqualTo(Map.of("tier", "gold", "role", "companion")));
        // the next ID token Firebase issues carries it
        var refreshed = payload(emulator.signIn("erin@hearth.test", PASSWORD).idToken());
        assertThat(refreshed.get("role").asString()).isEqualTo("companion");
        assertThat(refreshed.get("tier").asString()).isEqualTo("gold");

        assertThat(root.delete("/api/v1/users/" + erin.uid() + "/role/companion").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(firebase.getUser(erin.uid()).getCustomClaims())
                        .isEqualTo(Map.of("tier", "gold", "role", "member")));
        // the configured superadmin's claim was published at start-up
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(firebase.getUser(ROOT).getCustomClaims()).containsEntry("role", "superadmin"));
    }

    private Api api(String idToken) {
        Api anonymous = Api.at(port);
        return idToken == null ? anonymous : anonymous.withToken(idToken);
    }

    private static void assertUnauthenticated(Api.Response response, String reason) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.body().get("detail").asString()).containsIgnoringCase(reason);
    }

    private static ObjectNode payload(String token) {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** The same token with some claims changed (the emulator's tokens carry no signature to break). */
    private static String altered(String token, Consumer<ObjectNode> change) {
        String[] parts = token.split("\\.", -1);
        ObjectNode claims = payload(token);
        change.accept(claims);
        String body = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + body + "." + parts[2];
    }
}
