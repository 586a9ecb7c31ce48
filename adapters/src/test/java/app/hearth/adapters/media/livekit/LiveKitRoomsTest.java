package app.hearth.adapters.media.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.media.MediaAccess;
import app.hearth.domain.shared.RuleViolation;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Join tokens as LiveKit reads them: HS256 with the API secret, the claims LiveKit's SDKs write, a short life. */
class LiveKitRoomsTest {

    static final String KEY = "APIhearthTest";
    /** 32+ bytes, so that Nimbus (which refuses shorter HMAC keys) can check the signature independently. */
    static final String SECRET = "a-livekit-api-secret-of-at-least-32-bytes";
    static final Instant NOW = Instant.parse("2026-11-24T23:00:00.250Z");
    static final String ROOM = "call-0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b";
    static final String IDENTITY = "3f0c6a52-8a4e-4e1b-9d3f-6c2b7f1e9a10";

    final LiveKitRooms rooms = new LiveKitRooms("wss://media.example.com", KEY, SECRET);

    @Test
    void theTokenVerifiesWithTheSecretAndCarriesLiveKitsClaims() throws Exception {
        MediaAccess access = rooms.grant(ROOM, IDENTITY, "Maria", Duration.ofSeconds(60), NOW);

        assertThat(access.url()).isEqualTo("wss://media.example.com");
        assertThat(access.room()).isEqualTo(ROOM);
        assertThat(access.identity()).isEqualTo(IDENTITY);
        SignedJWT jwt = SignedJWT.parse(access.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.verify(new MACVerifier((SECRET + "x").getBytes(StandardCharsets.UTF_8)))).isFalse();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(KEY);
        assertThat(claims.getSubject()).isEqualTo(IDENTITY);
        assertThat(claims.getStringClaim("name")).isEqualTo("Maria");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime().toInstant()).isBeforeOrEqualTo(NOW).isAfter(NOW.minusSeconds(1));
        Instant exp = claims.getExpirationTime().toInstant();
        assertThat(exp).isBeforeOrEqualTo(NOW.plusSeconds(60)).isAfter(NOW.plusSeconds(58));
        assertThat(access.expiresAt()).isEqualTo(exp);
        assertThat(claims.getJSONObjectClaim("video")).isEqualTo(Map.of("room", ROOM, "roomJoin", true,
                "canPublish", true, "canSubscribe", true, "canPublishData", true));
    }

    @Test
    void everyGrantHasItsOwnJti() throws Exception {
        String first = SignedJWT.parse(rooms.grant(ROOM, IDENTITY, "Maria", Duration.ofSeconds(30), NOW).token())
                .getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(rooms.grant(ROOM, IDENTITY, "Maria", Duration.ofSeconds(30), NOW).token())
                .getJWTClaimsSet().getJWTID();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aShortDevelopmentSecretSignsAsLiveKitDoes() throws Exception {
        // `livekit-server --dev` runs with devkey/secret: too short for JOSE libraries, fine for HMAC
        var dev = new LiveKitRooms("ws://localhost:7880", "devkey", "secret");
        String token = dev.grant(ROOM, IDENTITY, null, Duration.ofSeconds(10), NOW).token();
        String[] parts = token.split("\\.");
        byte[] expected = LiveKitJwt.hmac(parts[0] + "." + parts[1], "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
        JsonNode claims = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asString()).isEqualTo("devkey");
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plusSeconds(10).getEpochSecond());
        assertThat(claims.has("name")).isFalse();
        assertThat(LiveKitJwt.verify(token, "secret".getBytes(StandardCharsets.UTF_8)).path("sub").asString())
                .isEqualTo(IDENTITY);
    }

    @Test
    void aJoinWindowLongerThan60SecondsIsRefused() {
        assertThatThrownBy(() -> rooms.grant(ROOM, IDENTITY, "Maria", Duration.ofSeconds(61), NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.code()).isEqualTo("JOIN_WINDOW_INVALID");
                    assertThat(violation.category()).isEqualTo(RuleViolation.Category.INVALID);
                });
        assertThatThrownBy(() -> rooms.grant(ROOM, IDENTITY, "Maria", Duration.ofMinutes(10), NOW))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> rooms.grant(ROOM, IDENTITY, "Maria", Duration.ZERO, NOW))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void withoutAKeyAndSecretNoTokenIsMade() {
        var unconfigured = new LiveKitRooms("ws://localhost:7880", "", "");
        assertThatThrownBy(() -> unconfigured.grant(ROOM, IDENTITY, "Maria", Duration.ofSeconds(30), NOW))
                .isInstanceOf(app.hearth.application.shared.ProviderFailure.class);
    }
}
