package app.hearth.calls.history;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.calls.jooq.CallProjection;
import app.hearth.application.calls.CallStates;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Supervisors are held to their team on every calls route (ADR 0034): a supervisor reads and ends only the calls of
 * the companions in the teams they lead (another team's call does not exist for them: 404 CALL_NOT_FOUND), and
 * their live board and figures hold only those calls, judged by the team the companion is in now; admins and
 * superadmins keep seeing and ending everything. Two teams: A (supervisor supA, companion kA) and B (supB, kB).
 */
class SupervisorTeamCallsIT extends IntegrationTest {

    @Autowired
    EventStore store;

    @Autowired
    Deadlines deadlines;

    @Autowired
    WalletCommandBus wallets;

    @Autowired
    CallStates calls;

    private final String u = UUID.randomUUID().toString().substring(0, 8);
    private final String kA = id("k-a");
    private final String kB = id("k-b");
    private Api admin;
    private Api supA;
    private Api supB;
    private String teamA;
    private String teamB;

    private String id(String name) {
        return name + "-" + u;
    }

    private CallFeed.Writer feed() {
        return new CallFeed.Writer(store, deadlines);
    }

    private void caughtUp() {
        Projections.awaitCaughtUp(jdbc, CallProjection.PROCESSING_GROUP);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** kA and kB, available (a started shift, a connection in the foreground) for each test. */
    private AvailableCompanions available;

    @org.junit.jupiter.api.AfterEach
    void closeConnections() {
        available.close();
    }

    @BeforeEach
    void twoTeams() {
        available = new AvailableCompanions(context, port);
        admin = as("admin", id("admin"));
        supA = as("supervisor", id("sup-a"));
        supB = as("supervisor", id("sup-b"));
        for (String companion : List.of(kA, kB)) {
            assertThat(admin.post("/api/v1/companions", Map.of("userId", companion, "displayName", "C " + companion))
                    .status()).isEqualTo(201);
            Api self = as("companion", companion);
            var saved = self.put("/api/v1/me/companion-profile", Map.of("displayName", "C " + companion,
                    "languages", List.of("en"), "gender", "female", "birthYear", 1970, "yearsOfExperience", 5,
                    "timeZone", "Europe/London"));
            assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
            available.makeAvailable(self, companion);
        }
        teamA = team("team a " + u, id("sup-a"), kA);
        teamB = team("team b " + u, id("sup-b"), kB);
    }

    private String team(String name, String supervisorId, String companionId) {
        var created = admin.post("/api/v1/teams", Map.of("name", name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String teamId = created.body().get("teamId").asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisorId))
                .status()).isEqualTo(200);
        move(companionId, teamId);
        return teamId;
    }

    private void move(String companionId, String teamId) {
        var moved = admin.put("/api/v1/companions/" + companionId + "/team", Map.of("teamId", teamId));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    }

    @Test
    void aSupervisorReadsTheirTeamsCallsOnlyAndATeamMoveCountsAtOnce() {
        Instant t0 = Instant.parse("2019-03-14T09:00:00Z");
        var callA = feed().request(id("call-a"), id("m-a"), kA, CallKind.AUDIO, t0)
                .accept(t0.plusSeconds(2)).connect(t0.plusSeconds(4)).prove(t0.plusSeconds(64))
                .hangUp(id("m-a"), t0.plusSeconds(94));
        var callB = feed().request(id("call-b"), id("m-b"), kB, CallKind.VIDEO, t0.plusSeconds(100))
                .decline(t0.plusSeconds(103));
        caughtUp();
        String a = "/api/v1/calls/" + callA.callId;
        String b = "/api/v1/calls/" + callB.callId;

        assertThat(supA.get(a).status()).isEqualTo(200);
        assertThat(supA.get(a).body().get("companionId").asString()).isEqualTo(kA);
        assertThat(supB.get(b).status()).isEqualTo(200);
        assertNotFound(supA.get(b), callB.callId, kB);
        assertNotFound(supB.get(a), callA.callId, kA);
        assertNotFound(as("supervisor", id("sup-of-nothing")).get(a), callA.callId, kA);
        for (Api everything : List.of(admin, as("superadmin", id("root")))) {
            assertThat(everything.get(a).status()).isEqualTo(200);
            assertThat(everything.get(b).status()).isEqualTo(200);
        }

        String range = "/api/v1/admin/calls/stats?from=" + t0 + "&to=" + t0.plusSeconds(3600);
        JsonNode ofA = supA.get(range).body();
        assertThat(companionIds(ofA)).containsExactly(kA);
        assertThat(ofA.get("overall").get("requested").asLong()).as("team A's figures").isEqualTo(1);
        assertThat(ofA.get("overall").get("connected").asLong()).isEqualTo(1);
        assertThat(ofA.get("overall").get("completed").asLong()).isEqualTo(1);
        assertThat(ofA.get("overall").get("completionRate").asDouble()).isEqualTo(1.0);
        assertThat(ofA.get("overall").get("averageConnectedSeconds").asLong()).isEqualTo(90);
        JsonNode ofB = supB.get(range).body();
        assertThat(companionIds(ofB)).containsExactly(kB);
        assertThat(ofB.get("overall").get("requested").asLong()).isEqualTo(1);
        assertThat(ofB.get("overall").get("connected").asLong()).isZero();
        assertThat(ofB.get("overall").get("averageConnectedSeconds").asLong()).isZero();
        JsonNode all = admin.get(range).body();
        assertThat(companionIds(all)).contains(kA, kB);
        assertThat(all.get("overall").get("requested").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode nothing = as("supervisor", id("sup-of-nothing")).get(range).body();
        assertThat(companionIds(nothing)).isEmpty();
        assertThat(nothing.get("overall").get("requested").asLong()).isZero();

        // kB joins team A: supervisor A reaches B's call from the very next request, supervisor B no longer does
        move(kB, teamA);
        assertThat(supA.get(b).status()).isEqualTo(200);
        assertNotFound(supB.get(b), callB.callId, kB);
        assertThat(companionIds(supA.get(range).body())).containsExactly(kA, kB);
        assertThat(supA.get(range).body().get("overall").get("requested").asLong()).isEqualTo(2);
        assertThat(companionIds(supB.get(range).body())).isEmpty();
        move(kB, teamB);
        assertNotFound(supA.get(b), callB.callId, kB);
    }

    @Test
    void aSupervisorsLiveBoardHoldsOnlyTheirTeamsCallsAndAnAdminsHoldsAll() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        var liveA = feed().request(id("live-a"), id("lm-a"), kA, CallKind.AUDIO, now);
        var liveB = feed().request(id("live-b"), id("lm-b"), kB, CallKind.AUDIO, now)
                .accept(now.plusSeconds(1)).connect(now.plusSeconds(3));
        try {
            caughtUp();
            JsonNode boardA = supA.get("/api/v1/admin/calls/live").body();
            assertThat(callIds(boardA)).contains(liveA.callId).doesNotContain(liveB.callId);
            assertThat(companionIdsOn(boardA)).containsOnly(kA);
            assertThat(boardA.get("active").asInt()).isEqualTo(boardA.get("calls").size());
            JsonNode boardB = supB.get("/api/v1/admin/calls/live").body();
            assertThat(callIds(boardB)).contains(liveB.callId).doesNotContain(liveA.callId);
            assertThat(companionIdsOn(boardB)).containsOnly(kB);
            for (Api everything : List.of(admin, as("superadmin", id("root")))) {
                assertThat(callIds(everything.get("/api/v1/admin/calls/live").body()))
                        .contains(liveA.callId, liveB.callId);
            }
            assertThat(callIds(as("supervisor", id("sup-of-nothing")).get("/api/v1/admin/calls/live").body()))
                    .isEmpty();

            JsonNode lastDayA = supA.get("/api/v1/admin/calls/stats").body();
            assertThat(companionIds(lastDayA)).containsExactly(kA);
            assertThat(lastDayA.get("overall").get("active").asLong()).isEqualTo(1);
            assertThat(companionIds(admin.get("/api/v1/admin/calls/stats").body())).contains(kA, kB);
        } finally {
            liveA.cancel(now.plusSeconds(11));
            liveB.hangUp(liveB.memberId, now.plusSeconds(12));
            caughtUp();
        }
    }

    @Test
    void aSupervisorEndsTheirTeamsCallsOnlyAndAnAdminEndsAny() {
        String memberA = id("caller-a");
        String memberB = id("caller-b");
        Api callerA = member(memberA);
        Api callerB = member(memberB);
        String ringA = id("ring-a");
        String ringB = id("ring-b");
        assertThat(call(callerA, ringA, kA).status()).isEqualTo(201);
        assertThat(call(callerB, ringB, kB).status()).isEqualTo(201);

        var refused = supA.post("/api/v1/calls/" + ringB + "/hangup", null);
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("CALL_NOT_FOUND");
        assertThat(refused.raw().body()).doesNotContain(kB).doesNotContain(memberB);
        assertThat(calls.state(ringB)).as("another team's call rings on").isInstanceOf(CallSession.Ringing.class);

        var ended = supA.post("/api/v1/calls/" + ringA + "/hangup", null);
        assertThat(ended.status()).as(ended.raw().body()).isEqualTo(200);
        assertThat(ended.body().get("state").asString()).isEqualTo("ended");
        assertThat(ended.body().get("endReason").asString()).isEqualTo("ENDED_BY_STAFF");
        assertThat(((CallSession.Ended) calls.state(ringA)).endedBy()).isEqualTo(id("sup-a"));

        var byAdmin = admin.post("/api/v1/calls/" + ringB + "/hangup", null);
        assertThat(byAdmin.status()).as(byAdmin.raw().body()).isEqualTo(200);
        assertThat(byAdmin.body().get("endReason").asString()).isEqualTo("ENDED_BY_STAFF");
    }

    /** A registered member with 1000 tokens; their client. */
    private Api member(String memberId) {
        Api api = as("member", memberId);
        var saved = api.put("/api/v1/me/profile", Map.of("displayName", "Member " + memberId, "birthYear", 1948,
                "languages", List.of("en"), "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isIn(200, 201);
        wallets.send(new WalletCommand.GrantTokens(memberId, "grant-" + memberId, 1000, "team calls test",
                "admin:test", Instant.now()));
        return api;
    }

    private static Api.Response call(Api member, String callId, String companionId) {
        var answer = member.post("/api/v1/calls", Map.of("callId", callId, "companionId", companionId,
                "kind", "audio"));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer;
    }

    private static void assertNotFound(Api.Response answer, String callId, String companionId) {
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("CALL_NOT_FOUND");
        assertThat(answer.body().get("detail").asString()).as("the answer for a call that does not exist")
                .isEqualTo("no call " + callId);
        assertThat(answer.raw().body()).doesNotContain(companionId);
    }

    private static List<String> companionIds(JsonNode figures) {
        List<String> ids = new ArrayList<>();
        figures.get("companions").forEach(stats -> ids.add(stats.get("companionId").asString()));
        return ids;
    }

    private static List<String> callIds(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("calls").forEach(call -> ids.add(call.get("callId").asString()));
        return ids;
    }

    private static List<String> companionIdsOn(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("calls").forEach(call -> ids.add(call.get("companionId").asString()));
        return ids;
    }
}
