package app.hearth.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.access.jooq.RecentRoles;
import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.calls.CallSignal;
import app.hearth.application.calls.CallSignals;
import app.hearth.application.calls.LivenessBoard.Seen;
import app.hearth.application.calls.LivenessBoard;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.calls.Side;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two application nodes on one database, each with its own web server, sessions and board, and nothing between
 * them but PostgreSQL's LISTEN/NOTIFY: a signal sent on node A reaches the user's connection on node B (and their
 * connection on A exactly once), a heartbeat received by one node is in the other's board within about 3 s, and a
 * node whose LISTEN connection is killed opens a new one by itself. A role revoked on A is no longer used by B, which
 * remembers callers' roles (adr/0027), once the revocation commits.
 */
class TwoNodeRealtimeIT extends IntegrationTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00.123456789Z");
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @RegisterExtension
    static final HearthNode nodeB = HearthNode.onTestDatabase().withWebServer().unthrottled();

    @Autowired
    CallSignals signalsA;
    @Autowired
    LivenessBoard boardA;
    @Autowired
    RealtimeSessions sessionsA;
    @Autowired
    PgNotifications notificationsA;

    @Test
    void aSignalSentOnNodeAReachesTheUsersConnectionOnNodeBAndTheOneOnAOnce() {
        await().atMost(PATIENCE).until(() -> notificationsA.listening()
                && nodeB.bean(PgNotifications.class).listening());
        RealtimeSessions sessionsB = nodeB.bean(RealtimeSessions.class);
        String member = "rt2-member-" + UUID.randomUUID();
        // each node has its own local issuer key: a token of B's for B, of A's for A
        try (var onB = RealtimeClient.withHeader(nodeB.port(), token(nodeB.port(), member));
             var onA = RealtimeClient.withQueryToken(port, token(port, member))) {
            await().atMost(PATIENCE).until(() -> sessionsB.connections(member) == 1
                    && sessionsA.connections(member) == 1);

            signalsA.send(member, new CallSignal.Ended("call-x", EndReason.HUNG_UP_BY_COMPANION, T, 75));

            for (var client : new RealtimeClient[] {onB, onA}) {
                var message = client.next(PATIENCE);
                assertThat(message).isNotNull();
                assertThat(message.get("type").asString()).isEqualTo("ended");
                assertThat(message.get("callId").asString()).isEqualTo("call-x");
                assertThat(message.get("reason").asString()).isEqualTo("HUNG_UP_BY_COMPANION");
                assertThat(message.get("billableSeconds").asLong()).isEqualTo(75);
            }
            // and back: a signal sent on B reaches A's connection
            nodeB.bean(CallSignals.class).send(member, new CallSignal.Declined("call-y", T));
            assertThat(onA.next(PATIENCE).get("callId").asString()).isEqualTo("call-y");
            assertThat(onB.next(PATIENCE).get("callId").asString()).isEqualTo("call-y");
            // nothing twice: neither node delivers its own notification again
            assertThat(onA.next(Duration.ofSeconds(1))).isNull();
            assertThat(onB.drain()).isEmpty();
        }
    }

    @Test
    void aBeatOnOneNodeIsInTheOtherNodesBoardWithinThreeSeconds() {
        await().atMost(PATIENCE).until(() -> notificationsA.listening()
                && nodeB.bean(PgNotifications.class).listening());
        LivenessBoard boardB = nodeB.bean(LivenessBoard.class);
        String call = "rt2-call-" + UUID.randomUUID();

        boardA.beat(call, Side.MEMBER, T);
        assertThat(boardA.seen(call)).contains(new Seen(T, null));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> boardB.seen(call).equals(java.util.Optional.of(new Seen(T, null))));

        boardB.beat(call, Side.COMPANION, T.plusSeconds(1));
        boardB.beat(call, Side.MEMBER, T.minusSeconds(5)); // older than what B knows: the board keeps T
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> boardA.seen(call).equals(java.util.Optional.of(new Seen(T, T.plusSeconds(1)))));
        assertThat(boardB.seen(call)).contains(new Seen(T, T.plusSeconds(1)));

        // an ended call leaves the board of the node that forgets it; a late share from the other does not revive it
        boardA.forget(call);
        boardB.beat(call, Side.MEMBER, T.plusSeconds(20));
        await().atMost(Duration.ofSeconds(3)).until(() -> boardB.seen(call).orElseThrow().memberSeenAt()
                .equals(T.plusSeconds(20)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> boardA.seen(call).isEmpty());
    }

    @Test
    void aNodeWhoseListenConnectionDiesListensAgainAndStillGetsSignals() {
        PgNotifications notificationsB = nodeB.bean(PgNotifications.class);
        await().atMost(PATIENCE).until(notificationsB::listening);
        int before = notificationsB.listenerPid();
        assertThat(jdbc.queryForObject("select application_name from pg_stat_activity where pid = ?", String.class,
                before)).isEqualTo("hearth-listen");

        assertThat(jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, before)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> notificationsB.listening()
                && notificationsB.listenerPid() != before);

        String member = "rt2-reconnected-" + UUID.randomUUID();
        try (var onB = RealtimeClient.withHeader(nodeB.port(), token(nodeB.port(), member))) {
            await().atMost(PATIENCE).until(() -> nodeB.bean(RealtimeSessions.class).connections(member) == 1);
            signalsA.send(member, new CallSignal.Declined("call-z", T));
            assertThat(onB.next(PATIENCE).get("callId").asString()).isEqualTo("call-z");
        }
    }

    @Test
    void aRoleRevokedOnNodeAIsNotUsedOnNodeBFromItsNextRequests() {
        await().atMost(PATIENCE).until(() -> notificationsA.listening()
                && nodeB.bean(PgNotifications.class).listening());
        RecentRoles rolesB = nodeB.bean(RecentRoles.class);
        String admin = "rt2-admin-" + UUID.randomUUID();
        Api adminOnB = nodeB.api().signedInAs(admin, "admin");
        String someone = "/api/v1/users/rt2-someone/role";
        assertThat(adminOnB.get(someone).status()).isEqualTo(200);
        assertThat(rolesB.remembers(admin)).isTrue(); // B answers the admin from memory from now on

        Api superadminOnA = Api.at(port).signedInAs("rt2-superadmin-" + UUID.randomUUID(), "superadmin");
        assertThat(superadminOnA.delete("/api/v1/users/" + admin + "/role/admin").status()).isEqualTo(200);

        // B heard the commit: far sooner than the longest time a role is remembered (a minute)
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !rolesB.remembers(admin));
        assertThat(adminOnB.get(someone).status()).isEqualTo(403);
        assertThat(adminOnB.get("/api/v1/users/" + admin + "/role").body().get("role").asString())
                .isEqualTo("member");
    }

    private static String token(int port, String userId) {
        return Api.at(port).post("/api/v1/dev/tokens", Map.of("userId", userId, "role", "member")).body()
                .get("token").asString();
    }
}
