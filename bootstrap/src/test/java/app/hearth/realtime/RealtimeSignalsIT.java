package app.hearth.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.adapters.shared.security.HearthAuthProperties;
import app.hearth.adapters.shared.security.LocalTokenIssuer;
import app.hearth.application.calls.CallSignal;
import app.hearth.application.calls.CallSignals;
import app.hearth.application.media.MediaAccess;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.calls.Side;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import app.hearth.support.RealtimeClient;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The real-time WebSocket of one node, with real clients (the JDK's WebSocket) and the application's
 * {@link CallSignals} bean: only a valid, unexpired token of the same issuer as the REST API opens a connection (in
 * the header or the {@code access_token} query parameter); a signal reaches every connection of its user and nobody
 * else's, as {@code {"type": ..., "callId": ..., ...}}; a connection ends when its token expires.
 */
class RealtimeSignalsIT extends IntegrationTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Autowired
    CallSignals signals;
    @Autowired
    RealtimeSessions sessions;
    @Autowired
    LocalTokenIssuer issuer;

    @Test
    void aHandshakeWithoutAValidUnexpiredTokenIsRefusedWith401AndOpensNoConnection() {
        String user = "rt-refused-" + UUID.randomUUID();
        String valid = token(user, "member");
        Instant now = Instant.now();
        String expired = issuer.sign(claims(user, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
        String foreign = new LocalTokenIssuer(new HearthAuthProperties.LocalIssuer(true, null, null, null),
                Clock.systemUTC()).issue(user, app.hearth.domain.access.Role.MEMBER).token();
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(RealtimeClient.open(port, null, null).refusedWith()).as("no token").isEqualTo(401);
        assertThat(RealtimeClient.open(port, "not-a-token", null).refusedWith()).as("garbage").isEqualTo(401);
        assertThat(RealtimeClient.open(port, tampered, null).refusedWith()).as("bad signature").isEqualTo(401);
        assertThat(RealtimeClient.open(port, foreign, null).refusedWith()).as("another issuer").isEqualTo(401);
        assertThat(RealtimeClient.open(port, expired, null).refusedWith()).as("expired").isEqualTo(401);
        assertThat(RealtimeClient.open(port, null, "not-a-token").refusedWith()).as("garbage in query")
                .isEqualTo(401);
        assertThat(RealtimeClient.open(port, null, expired).refusedWith()).as("expired in query").isEqualTo(401);
        assertThat(RealtimeClient.open(port, valid, valid).refusedWith()).as("two tokens at once").isEqualTo(401);
        assertThat(sessions.connections(user)).isZero();

        // the query parameter is a token only on the WebSocket's route
        assertThat(anonymous().get("/api/v1/me/profile?access_token=" + valid).status()).isEqualTo(401);
        // and the very same token opens a connection, in either place
        try (var header = RealtimeClient.withHeader(port, valid); var query = RealtimeClient.withQueryToken(port, valid)) {
            await().atMost(PATIENCE).until(() -> sessions.connections(user) == 2);
        }
    }

    @Test
    void aSignalReachesEveryConnectionOfItsUserAndNobodyElses() {
        String ada = "rt-ada-" + UUID.randomUUID();
        String bob = "rt-bob-" + UUID.randomUUID();
        String adaToken = token(ada, "companion");
        try (var phone = RealtimeClient.withHeader(port, adaToken);
             var tablet = RealtimeClient.withQueryToken(port, adaToken);
             var other = RealtimeClient.withHeader(port, token(bob, "member"))) {
            await().atMost(PATIENCE).until(() -> sessions.connections(ada) == 2 && sessions.connections(bob) == 1);

            signals.send(ada, new CallSignal.Incoming("call-1", bob, "Bob", "audio", T));

            for (var connection : List.of(phone, tablet)) {
                JsonNode message = connection.next(PATIENCE);
                assertThat(message).isNotNull();
                assertThat(message.get("type").asString()).isEqualTo("incoming");
                assertThat(message.get("callId").asString()).isEqualTo("call-1");
                assertThat(message.get("memberId").asString()).isEqualTo(bob);
                assertThat(message.get("ringsUntil").asString()).isEqualTo("2026-11-24T12:00:00Z");
            }
            signals.send(bob, new CallSignal.Declined("call-1", T));
            assertThat(other.next(PATIENCE).get("type").asString()).isEqualTo("declined");
            // nobody got what was not theirs, and nothing came twice (this node's own notification is ignored)
            assertThat(other.next(Duration.ofSeconds(1))).isNull();
            assertThat(phone.drain()).isEmpty();
            assertThat(tablet.drain()).isEmpty();
        }
    }

    @Test
    void everySignalTypeArrivesAsJsonWithItsTypeInOrder() {
        String user = "rt-types-" + UUID.randomUUID();
        var media = new MediaAccess("wss://media.example", "room-1", user, "join-token", T.plusSeconds(60));
        var all = List.<CallSignal>of(
                new CallSignal.Incoming("call-2", "m-1", "Ada", "video", T),
                new CallSignal.Accepted("call-2", T, media),
                new CallSignal.Declined("call-2", T),
                new CallSignal.Reconnecting("call-2", Side.COMPANION, T),
                new CallSignal.BalanceWarning("call-2", 30, T.plusSeconds(30)),
                new CallSignal.Ended("call-2", EndReason.BALANCE_EXHAUSTED, T.plusSeconds(90), 90));
        try (var client = RealtimeClient.withHeader(port, token(user, "member"))) {
            await().atMost(PATIENCE).until(() -> sessions.connections(user) == 1);
            all.forEach(signal -> signals.send(user, signal));

            for (CallSignal signal : all) {
                JsonNode message = client.next(PATIENCE);
                assertThat(message).as(signal.type()).isNotNull();
                assertThat(message.get("type").asString()).isEqualTo(signal.type());
                assertThat(message.get("callId").asString()).isEqualTo("call-2");
            }
        }
        List<String> types = all.stream().map(CallSignal::type).toList();
        assertThat(types).containsExactly("incoming", "accepted", "declined", "reconnecting", "balance_warning",
                "ended");
    }

    @Test
    void theFieldsOfEachSignalAreItsRecordsFields() {
        String user = "rt-fields-" + UUID.randomUUID();
        try (var client = RealtimeClient.withHeader(port, token(user, "member"))) {
            await().atMost(PATIENCE).until(() -> sessions.connections(user) == 1);
            signals.send(user, new CallSignal.Accepted("call-3", T,
                    new MediaAccess("wss://media.example", "room-3", user, "join-token", T.plusSeconds(60))));
            signals.send(user, new CallSignal.Reconnecting("call-3", Side.MEMBER, T));
            signals.send(user, new CallSignal.BalanceWarning("call-3", 120, T.plusSeconds(120)));
            signals.send(user, new CallSignal.Ended("call-3", EndReason.CONNECTION_LOST, T, 42));

            JsonNode accepted = client.next(PATIENCE);
            assertThat(accepted.get("acceptedAt").asString()).isEqualTo("2026-11-24T12:00:00Z");
            assertThat(accepted.at("/media/room").asString()).isEqualTo("room-3");
            assertThat(accepted.at("/media/token").asString()).isEqualTo("join-token");
            JsonNode reconnecting = client.next(PATIENCE);
            assertThat(reconnecting.get("silentSide").asString()).isEqualTo("MEMBER");
            assertThat(reconnecting.get("lastSeenAt").asString()).isEqualTo("2026-11-24T12:00:00Z");
            JsonNode warning = client.next(PATIENCE);
            assertThat(warning.get("secondsLeft").asInt()).isEqualTo(120);
            assertThat(warning.get("endsAt").asString()).isEqualTo("2026-11-24T12:02:00Z");
            JsonNode ended = client.next(PATIENCE);
            assertThat(ended.get("reason").asString()).isEqualTo("CONNECTION_LOST");
            assertThat(ended.get("billableSeconds").asLong()).isEqualTo(42);
        }
    }

    @Test
    void aConnectionIsClosedWith4401WhenItsTokenExpiresAndGetsNothingAfter() {
        String user = "rt-expiring-" + UUID.randomUUID();
        Instant now = Instant.now();
        String shortLived = issuer.sign(claims(user, now, now.plusSeconds(3)));
        try (var client = RealtimeClient.withHeader(port, shortLived)) {
            await().atMost(PATIENCE).until(() -> sessions.connections(user) == 1);
            signals.send(user, new CallSignal.Declined("call-4", T));
            assertThat(client.next(PATIENCE).get("type").asString()).isEqualTo("declined");

            await().atMost(Duration.ofSeconds(6)).until(() -> Instant.now().isAfter(now.plusSeconds(4)));
            signals.send(user, new CallSignal.Declined("call-5", T));
            assertThat(client.closeCode(Duration.ofSeconds(10))).isEqualTo(RealtimeSessions.TOKEN_EXPIRED.getCode());
            assertThat(client.drain()).isEmpty();
            assertThat(sessions.connections(user)).isZero();
        }
    }

    @Test
    void aClientThatCannotSeePingsMayPingInJson() {
        String user = "rt-ping-" + UUID.randomUUID();
        try (var client = RealtimeClient.withQueryToken(port, token(user, "supervisor"))) {
            client.send("{\"type\": \"ping\"}");
            assertThat(client.next(PATIENCE).get("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void sendingToNobodyOrNothingNeverThrows() {
        signals.send("rt-nobody-" + UUID.randomUUID(), new CallSignal.Declined("call-6", T));
        signals.send(null, new CallSignal.Declined("call-6", T));
        signals.send("rt-nobody", null);
    }

    private String token(String userId, String role) {
        return Api.at(port).post("/api/v1/dev/tokens", Map.of("userId", userId, "role", role)).body().get("token")
                .asString();
    }

    private static JWTClaimsSet claims(String userId, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer("hearth-local")
                .audience("hearth")
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }
}
