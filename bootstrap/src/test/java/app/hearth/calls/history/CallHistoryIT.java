package app.hearth.calls.history;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.calls.jooq.CallProjection;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.domain.calls.DeadlineKind;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The calls' read routes over HTTP: who sees a call (its two participants and admins; anyone else, like an unknown id,
 * 404 CALL_NOT_FOUND), a caller's own history page by page, and the operators' live board and figures. What a
 * supervisor sees (their teams' companions' calls) is SupervisorTeamCallsIT's.
 */
class CallHistoryIT extends IntegrationTest {

    @Autowired
    EventStore store;

    @Autowired
    Deadlines deadlines;

    private CallFeed.Writer feed() {
        return new CallFeed.Writer(store, deadlines);
    }

    private final String u = UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return name + "-" + u;
    }

    private void caughtUp() {
        Projections.awaitCaughtUp(jdbc, CallProjection.PROCESSING_GROUP);
    }

    @Test
    void aCallIsSeenByItsParticipantsAndStaffAndByNobodyElse() {
        Instant t0 = Instant.parse("2021-07-01T09:00:00Z");
        String member = id("member");
        String companion = id("companion");
        var call = feed().request(id("call"), member, companion, CallKind.VIDEO, t0)
                .accept(t0.plusSeconds(3)).connect(t0.plusSeconds(6)).prove(t0.plusSeconds(66))
                .hangUp(companion, t0.plusSeconds(90));
        var otherCall = feed().request(id("other-call"), id("other-member"), id("other-companion"),
                CallKind.AUDIO, t0).decline(t0.plusSeconds(2));
        caughtUp();
        String path = "/api/v1/calls/" + call.callId;

        var seen = as("member", member).get(path);
        assertThat(seen.status()).isEqualTo(200);
        JsonNode body = seen.body();
        assertThat(body.get("callId").asString()).isEqualTo(call.callId);
        assertThat(body.get("memberId").asString()).isEqualTo(member);
        assertThat(body.get("companionId").asString()).isEqualTo(companion);
        assertThat(body.get("kind").asString()).isEqualTo("video");
        assertThat(body.get("state").asString()).isEqualTo("ended");
        assertThat(Instant.parse(body.get("requestedAt").asString())).isEqualTo(t0);
        assertThat(Instant.parse(body.get("acceptedAt").asString())).isEqualTo(t0.plusSeconds(3));
        assertThat(Instant.parse(body.get("connectedAt").asString())).isEqualTo(t0.plusSeconds(6));
        assertThat(Instant.parse(body.get("endedAt").asString())).isEqualTo(t0.plusSeconds(90));
        assertThat(body.get("endReason").asString()).isEqualTo("HUNG_UP_BY_COMPANION");
        assertThat(body.get("endedBy").asString()).isEqualTo(companion);
        assertThat(body.get("connectedSeconds").asLong()).isEqualTo(84);
        assertThat(body.get("billableSeconds").asLong()).isEqualTo(call.ended().billableSeconds());
        assertThat(body.get("completed").asBoolean()).isTrue();

        assertThat(as("companion", companion).get(path).body()).isEqualTo(body);
        for (String staff : List.of("admin", "superadmin")) {
            var answer = as(staff, id(staff)).get(path);
            assertThat(answer.status()).as(staff).isEqualTo(200);
            assertThat(answer.body()).as(staff).isEqualTo(body);
        }
        // a supervisor sees the calls of their teams' companions only (SupervisorTeamCallsIT); this one is in none

        var unknown = as("member", member).get("/api/v1/calls/" + id("no-such-call"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("CALL_NOT_FOUND");
        assertThat(unknown.body().get("detail").asString()).isEqualTo("no call " + id("no-such-call"));
        for (Api outsider : List.of(as("member", id("stranger")), as("supervisor", id("supervisor")),
                as("member", otherCall.memberId),
                as("companion", otherCall.companionId), as("companion", id("another-companion")))) {
            var refused = outsider.get(path);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.code()).isEqualTo("CALL_NOT_FOUND");
            assertThat(refused.body().get("detail").asString()).as("the answer for a call that does not exist")
                    .isEqualTo("no call " + call.callId);
            assertThat(refused.raw().body()).doesNotContain(member).doesNotContain(companion);
        }
        assertThat(anonymous().get(path).status()).isEqualTo(401);
    }

    @Test
    void myCallsListTheCallersOwnCallsNewestFirstPageByPage() {
        Instant w = Instant.parse("2021-08-01T09:00:00Z");
        String user = id("user");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = w.plusSeconds(60L * i);
            var call = i % 2 == 0
                    ? feed().request(id("mine-" + i), user, id("k" + i), CallKind.AUDIO, at)
                    : feed().request(id("mine-" + i), id("m" + i), user, CallKind.AUDIO, at);
            call.decline(at.plusSeconds(1));
            newestFirst.addFirst(call.callId);
        }
        feed().request(id("not-mine"), id("m9"), id("k9"), CallKind.AUDIO, w).cancel(w.plusSeconds(1));
        caughtUp();
        Api me = as("member", user);

        var all = me.get("/api/v1/me/calls");
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all.body())).isEqualTo(newestFirst);
        assertThat(all.body().get("nextCursor").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = me.get("/api/v1/me/calls?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            paged.addAll(ids(page.body()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).isEqualTo(newestFirst);
        assertThat(pages).isEqualTo(3);

        var tooLarge = me.get("/api/v1/me/calls?limit=101");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.code()).isEqualTo("PAGE_TOO_LARGE");
        assertThat(tooLarge.body().get("field").asString()).isEqualTo("limit");
        assertThat(me.get("/api/v1/me/calls?limit=100").status()).isEqualTo(200);
        var badCursor = me.get("/api/v1/me/calls?cursor=not-a-cursor");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("INVALID_CURSOR");
        assertThat(ids(as("companion", id("k9")).get("/api/v1/me/calls").body())).containsExactly(id("not-mine"));
        assertThat(ids(as("member", id("nobody")).get("/api/v1/me/calls").body())).isEmpty();
        assertThat(anonymous().get("/api/v1/me/calls").status()).isEqualTo(401);
    }

    @Test
    void theLiveBoardShowsEveryUnfinishedCallToStaffOnly() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
        var ringing = feed().request(id("board-ringing"), id("bm1"), id("bk1"), CallKind.AUDIO, now);
        var connected = feed().request(id("board-connected"), id("bm2"), id("bk2"), CallKind.VIDEO, now)
                .accept(now.plusSeconds(2)).connect(now.plusSeconds(5));
        var orphan = feed().request(id("board-orphan"), id("bm3"), id("bk3"), CallKind.AUDIO,
                now.minus(Duration.ofMinutes(10)));
        var ended = feed().request(id("board-ended"), id("bm4"), id("bk4"), CallKind.AUDIO, now)
                .cancel(now.plusSeconds(1));
        try {
            caughtUp();
            for (String staff : List.of("supervisor", "admin", "superadmin")) {
                assertThat(as(staff, id(staff)).get("/api/v1/admin/calls/live").status()).as(staff).isEqualTo(200);
            }
            JsonNode board = as("admin", id("admin")).get("/api/v1/admin/calls/live").body();
            JsonNode calls = board.get("calls");
            assertThat(board.get("active").asInt()).isEqualTo(calls.size());
            assertThat(board.get("orphaned").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(entry(calls, ended.callId)).as("an ended call is not live").isNull();

            JsonNode r = entry(calls, ringing.callId);
            assertThat(r.get("state").asString()).isEqualTo("ringing");
            assertThat(r.get("memberId").asString()).isEqualTo(ringing.memberId);
            assertThat(r.get("companionId").asString()).isEqualTo(ringing.companionId);
            assertThat(Instant.parse(r.get("requestedAt").asString())).isEqualTo(now);
            assertThat(Instant.parse(r.get("mustEndBy").asString())).isEqualTo(now.plusSeconds(45));
            assertThat(r.get("lastProofAt").isNull()).isTrue();
            assertThat(r.get("secondsSinceLastProof").isNull()).isTrue();
            assertThat(r.get("orphaned").asBoolean()).isFalse();

            JsonNode c = entry(calls, connected.callId);
            assertThat(c.get("state").asString()).isEqualTo("connected");
            assertThat(c.get("kind").asString()).isEqualTo("video");
            assertThat(Instant.parse(c.get("connectedAt").asString())).isEqualTo(now.plusSeconds(5));
            assertThat(Instant.parse(c.get("lastProofAt").asString())).isEqualTo(now.plusSeconds(5));
            assertThat(Instant.parse(c.get("coveredUntil").asString())).isEqualTo(now.plusSeconds(125));
            Instant asOf = Instant.parse(c.get("asOf").asString());
            assertThat(c.get("secondsSinceLastProof").asLong())
                    .isEqualTo(Duration.between(now.plusSeconds(5), asOf).toSeconds()).isBetween(10L, 60L);
            assertThat(c.get("orphaned").asBoolean()).isFalse();

            JsonNode o = entry(calls, orphan.callId);
            assertThat(o.get("orphaned").asBoolean()).as("rang 10 minutes ago and never ended").isTrue();

            for (String role : List.of("member", "companion")) {
                var refused = as(role, ringing.companionId).get("/api/v1/admin/calls/live");
                assertThat(refused.status()).as(role).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("ACCESS_DENIED");
            }
            assertThat(anonymous().get("/api/v1/admin/calls/live").status()).isEqualTo(401);
        } finally {
            ringing.cancel(now.plusSeconds(21));
            connected.hangUp(connected.memberId, now.plusSeconds(22));
            orphan.expire(DeadlineKind.RING, orphan.events.getFirst().at().plusSeconds(45));
            caughtUp();
        }
        JsonNode after = as("admin", id("admin")).get("/api/v1/admin/calls/live").body().get("calls");
        assertThat(entry(after, ringing.callId)).isNull();
        assertThat(entry(after, connected.callId)).isNull();
        assertThat(entry(after, orphan.callId)).isNull();
    }

    @Test
    void statsGiveOverallThenPerCompanionFiguresOverTheRangeToStaffOnly() {
        Instant w = Instant.parse("2021-10-01T10:00:00Z");
        String k1 = id("sk1");
        String k2 = id("sk2");
        feed().request(id("s1"), id("sm1"), k1, CallKind.AUDIO, w).accept(w.plusSeconds(1))
                .connect(w.plusSeconds(2)).hangUp(id("sm1"), w.plusSeconds(42));
        feed().request(id("s2"), id("sm2"), k1, CallKind.AUDIO, w.plusSeconds(100)).accept(w.plusSeconds(101))
                .connect(w.plusSeconds(102)).endByStaff(id("staff"), w.plusSeconds(122));
        feed().request(id("s3"), id("sm3"), k2, CallKind.VIDEO, w.plusSeconds(200))
                .decline(w.plusSeconds(201));
        caughtUp();

        var answer = as("admin", id("admin")).get("/api/v1/admin/calls/stats?from=" + w + "&to="
                + w.plusSeconds(3600));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode stats = answer.body();
        assertThat(Instant.parse(stats.get("from").asString())).isEqualTo(w);
        assertThat(Instant.parse(stats.get("to").asString())).isEqualTo(w.plusSeconds(3600));
        JsonNode overall = stats.get("overall");
        assertThat(overall.get("companionId").isNull()).isTrue();
        assertThat(overall.get("requested").asLong()).isEqualTo(3);
        assertThat(overall.get("connected").asLong()).isEqualTo(2);
        assertThat(overall.get("completed").asLong()).isEqualTo(1);
        assertThat(overall.get("active").asLong()).isZero();
        assertThat(overall.get("orphaned").asLong()).isZero();
        assertThat(overall.get("completionRate").asDouble()).isEqualTo(0.5);
        assertThat(overall.get("averageConnectedSeconds").asLong()).isEqualTo(30);
        JsonNode companions = stats.get("companions");
        assertThat(companions.size()).isEqualTo(2);
        assertThat(companions.get(0).get("companionId").asString()).isEqualTo(k1);
        assertThat(companions.get(0).get("requested").asLong()).isEqualTo(2);
        assertThat(companions.get(0).get("completionRate").asDouble()).isEqualTo(0.5);
        assertThat(companions.get(1).get("companionId").asString()).isEqualTo(k2);
        assertThat(companions.get(1).get("connected").asLong()).isZero();
        assertThat(companions.get(1).get("completionRate").asDouble()).isZero();
        assertThat(companions.get(1).get("averageConnectedSeconds").asLong()).isZero();

        var lastDay = as("admin", id("admin")).get("/api/v1/admin/calls/stats");
        assertThat(lastDay.status()).isEqualTo(200);
        assertThat(Duration.between(Instant.parse(lastDay.body().get("from").asString()),
                Instant.parse(lastDay.body().get("to").asString()))).isEqualTo(Duration.ofHours(24));
        assertThat(as("superadmin", id("root")).get("/api/v1/admin/calls/stats").status()).isEqualTo(200);

        var empty = as("admin", id("admin")).get("/api/v1/admin/calls/stats?from=" + w + "&to=" + w);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("EMPTY_TIME_RANGE");
        var tooLong = as("admin", id("admin")).get("/api/v1/admin/calls/stats?from=2021-01-01T00:00:00Z&to="
                + "2021-06-01T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("TIME_RANGE_TOO_LONG");
        var malformed = as("admin", id("admin")).get("/api/v1/admin/calls/stats?from=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("INVALID_PARAMETER");
        assertThat(as("member", id("sm1")).get("/api/v1/admin/calls/stats").status()).isEqualTo(403);
        assertThat(as("companion", k1).get("/api/v1/admin/calls/stats").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/admin/calls/stats").status()).isEqualTo(401);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("callId").asString()));
        return ids;
    }

    private static JsonNode entry(JsonNode calls, String callId) {
        for (JsonNode call : calls) {
            if (call.get("callId").asString().equals(callId)) {
                return call;
            }
        }
        return null;
    }
}
