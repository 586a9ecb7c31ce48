package app.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing for anyone (ADR 0054), the rules RoutingIT leaves aside, through HTTP and the WebSocket: a member is offered
 * the companions they talked to in the last 30 days (a connected call or a conversation; a declined call is no talk)
 * first, most recent first; between otherwise equal companions the
 * one with less connected call time today; a waiting member hears their place, the match and their leaving as
 * {@code queue} frames. Each test speaks a language no other routing test speaks (tn, ts, ss).
 */
class RoutingContinuityIT extends RoutingIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void aMemberIsOfferedTheCompanionsTheyTalkedToLatelyFirstMostRecentFirst() {
        String older = id("c-older");
        String latest = id("c-latest");
        String stranger = id("c-stranger");
        companion(older, "tn", List.of("listening"));
        companion(latest, "tn", List.of("listening"));
        companion(stranger, "tn", List.of("music")); // shares the member's interest and waits longest
        String memberId = id("m-back");
        Api member = member(memberId, "tn", List.of("music"));
        available(stranger);
        CLOCK.advance(Duration.ofMinutes(5));
        available(older);

        // a connected call with the older one; then a call the stranger declined, which is no talk; then a chat
        String talkedCall = connectedCall(member, older, id("call-talked"));
        talk(member, as("companion", older), talkedCall, 10);
        hangUp(member, talkedCall);
        awaitConnectedSeconds(talkedCall);
        CLOCK.advance(Duration.ofMinutes(1));
        var declinedCall = member.post("/api/v1/calls", Map.of("callId", id("call-declined"),
                "companionId", stranger, "kind", "audio"));
        assertThat(declinedCall.status()).as(declinedCall.raw().body()).isEqualTo(201);
        assertThat(as("companion", stranger).post("/api/v1/calls/" + id("call-declined") + "/decline", null)
                .status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(1));
        firstMessage(member, latest, "latest");
        available(latest);
        AvailableCompanions.awaitState(as("companion", older), "AVAILABLE");
        AvailableCompanions.awaitState(as("companion", stranger), "AVAILABLE");

        var first = callAnyone(member, id("call-back-1"));
        assertRung(first, latest, "RECENTLY_TALKED");
        JsonNode decision = decisionOf(id("call-back-1"));
        assertThat(candidateIds(decision)).containsExactly(latest, older, stranger);
        assertThat(decision.get("candidates").get(0).get("reasons").toString()).contains("talked");
        assertThat(decision.get("candidates").get(2).get("reasons").toString()).doesNotContain("talked");
        cancel(member, id("call-back-1"));

        // the latest gone off duty: the one talked to before still comes before the better interest match
        offline(latest);
        var second = callAnyone(as("member", memberId), id("call-back-2"));
        assertRung(second, older, "RECENTLY_TALKED");
        cancel(member, id("call-back-2"));

        // another member, who talked to nobody, gets the interest match
        var fresh = callAnyone(member(id("m-new"), "tn", List.of("music")), id("call-new"));
        assertRung(fresh, stranger, "INTEREST_MATCH");
        cancel(as("member", id("m-new")), id("call-new"));
        offline(older, stranger);
    }

    @Test
    void betweenOtherwiseEqualCompanionsTheOneWithLessConnectedTimeTodayIsOffered() {
        skipPastUtcMidnightIfClose(); // "today" is the UTC day: both calls and the decision on the same one
        String busy = id("c-busy");
        String calm = id("c-calm");
        companion(busy, "ts", List.of("listening"));
        companion(calm, "ts", List.of("listening"));
        available(busy);
        available(calm);

        // busy talks 60 s, then calm 20 s: calm ended last, so busy has been idle longer
        String busyCall = connectedCall(member(id("m-busy"), "ts", List.of()), busy, id("call-busy"));
        talk(as("member", id("m-busy")), as("companion", busy), busyCall, 60);
        hangUp(as("member", id("m-busy")), busyCall);
        String calmCall = connectedCall(member(id("m-calm"), "ts", List.of()), calm, id("call-calm"));
        talk(as("member", id("m-calm")), as("companion", calm), calmCall, 20);
        hangUp(as("member", id("m-calm")), calmCall);
        long busySeconds = awaitConnectedSeconds(busyCall);
        long calmSeconds = awaitConnectedSeconds(calmCall);
        assertThat(busySeconds).isGreaterThan(calmSeconds);
        AvailableCompanions.awaitState(as("companion", busy), "AVAILABLE");
        AvailableCompanions.awaitState(as("companion", calm), "AVAILABLE");

        Api next = member(id("m-next"), "ts", List.of());
        var routed = callAnyone(next, id("call-least"));
        assertRung(routed, calm, "LEAST_CONNECTED_TODAY");
        assertThat(candidateIds(decisionOf(id("call-least")))).containsExactly(calm, busy);
        cancel(next, id("call-least"));
        offline(busy, calm);
    }

    @Test
    void aWaitingMemberHearsTheirPlaceTheMatchAndTheirLeavingOverTheWebSocket() {
        String firstId = id("m-wait-1");
        String secondId = id("m-wait-2");
        Api first = member(firstId, "ss", List.of());
        Api second = member(secondId, "ss", List.of());
        try (RealtimeClient firstSocket = RealtimeClient.withHeader(port, first.token());
             RealtimeClient secondSocket = RealtimeClient.withHeader(port, second.token())) {
            var one = callAnyone(first, id("call-wait-1"));
            assertThat(one.status()).as(one.raw().body()).isEqualTo(202);
            JsonNode waiting = queueFrame(firstSocket, frame -> "waiting".equals(state(frame)));
            assertThat(waiting.get("language").asString()).isEqualTo("ss");
            assertThat(waiting.get("position").asLong()).isEqualTo(1);
            assertThat(waiting.get("estimatedWaitSeconds").asLong()).isEqualTo(60);

            var two = callAnyone(second, id("call-wait-2"));
            assertThat(two.status()).as(two.raw().body()).isEqualTo(202);
            assertThat(queueFrame(secondSocket, frame -> "waiting".equals(state(frame))).get("position").asLong())
                    .isEqualTo(2);

            // the next companion who becomes available is offered the head of the line; the second moves up
            String companion = id("c-wait");
            companion(companion, "ss", List.of("listening"));
            available(companion);
            JsonNode matched;
            try {
                matched = queueFrame(firstSocket, frame -> "matched".equals(state(frame)));
            } catch (AssertionError none) {
                throw new AssertionError(none.getMessage() + "\nqueue: " + first.get("/api/v1/me/queue").raw().body()
                        + "\ncalls: " + first.get("/api/v1/me/calls?limit=5").raw().body()
                        + "\npresence: " + jdbc.queryForList("select * from companion_presence where companion_id = ?",
                        companion) + "\nlines: " + jdbc.queryForList("select * from call_line")
                        + "\nqueue rows: " + jdbc.queryForList("select * from routing_queue")
                        + "\ndecisions: " + jdbc.queryForList("select member_id, chosen_companion_id, rule, decided_at"
                        + " from routing_decision where member_id = ?", firstId), none);
            }
            assertThat(matched.get("companionId").asString()).isEqualTo(companion);
            String matchedCall = matched.get("callId").asString();
            assertThat(matchedCall).isNotBlank();
            await().atMost(PATIENCE).untilAsserted(() -> { // the calls' read model follows the ring
                var call = first.get("/api/v1/calls/" + matchedCall);
                assertThat(call.status()).as(call.raw().body()).isEqualTo(200);
                assertThat(call.body().get("companionId").asString()).isEqualTo(companion);
                assertThat(call.body().get("state").asString()).isEqualTo("ringing");
            });
            assertThat(queueFrame(secondSocket, frame -> "waiting".equals(state(frame))
                    && frame.get("position").asLong() == 1)).isNotNull();

            // the second cancels: left, CANCELLED
            assertThat(second.delete("/api/v1/me/queue").status()).isEqualTo(204);
            JsonNode left = queueFrame(secondSocket, frame -> "left".equals(state(frame)));
            assertThat(left.get("reason").asString()).isEqualTo("CANCELLED");
            assertThat(left.get("language").asString()).isEqualTo("ss");
            assertThat(second.get("/api/v1/me/queue").code()).isEqualTo("NOT_WAITING");

            cancel(first, matchedCall);
            offline(companion);
        }
    }

    private static void assertRung(Api.Response response, String companionId, String rule) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.body().get("companionId").asString()).isEqualTo(companionId);
        assertThat(response.body().get("routing").get("rule").asString()).isEqualTo(rule);
    }

    /** The member's first message to the companion: a conversation, the continuity routing counts. */
    private void firstMessage(Api member, String companionId, String name) {
        var sent = member.post("/api/v1/companions/" + companionId + "/messages",
                Map.of("clientMessageId", id("msg-" + name), "text", "Hello again"));
        assertThat(sent.status()).as(sent.raw().body()).isIn(200, 201);
    }

    /** The member cancels the call still ringing (a ringing call left alone would be missed and offered on). */
    private static void cancel(Api member, String callId) {
        var cancelled = member.post("/api/v1/calls/" + callId + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
    }

    private static void hangUp(Api member, String callId) {
        var hungUp = member.post("/api/v1/calls/" + callId + "/hangup", null);
        assertThat(hungUp.status()).as(hungUp.raw().body()).isEqualTo(200);
    }

    /** The member calls the companion by id, who accepts; both heartbeat once: connected. */
    private String connectedCall(Api member, String companionId, String callId) {
        var rung = member.post("/api/v1/calls", Map.of("callId", callId, "companionId", companionId,
                "kind", "audio"));
        assertThat(rung.status()).as(rung.raw().body()).isEqualTo(201);
        Api companion = as("companion", companionId);
        var accepted = companion.post("/api/v1/calls/" + callId + "/accept", null);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(member.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        assertThat(companion.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        return callId;
    }

    /** Both sides heartbeat every 10 s of the test clock for {@code seconds}. */
    private static void talk(Api member, Api companion, String callId, int seconds) {
        for (int s = 0; s < seconds; s += 10) {
            CLOCK.advance(Duration.ofSeconds(10));
            assertThat(member.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
            assertThat(companion.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        }
    }

    /** The ended call's connected seconds, once the calls' read model has it. */
    private long awaitConnectedSeconds(String callId) {
        long[] seconds = new long[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var rows = jdbc.queryForList("SELECT connected_seconds FROM call_view WHERE call_id = ? "
                    + "AND ended_at IS NOT NULL", Long.class, callId);
            assertThat(rows).hasSize(1);
            seconds[0] = rows.getFirst();
        });
        return seconds[0];
    }

    private void skipPastUtcMidnightIfClose() {
        Instant now = CLOCK.instant();
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        if (Duration.between(now, midnight).compareTo(Duration.ofMinutes(15)) < 0) {
            CLOCK.advance(Duration.between(now, midnight).plusMinutes(1));
        }
    }

    /** The recorded decision that rang {@code callId}. */
    private JsonNode decisionOf(String callId) {
        var page = as("admin", id("admin")).get("/api/v1/admin/routing-decisions?limit=200");
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        for (JsonNode item : page.body().get("items")) {
            if (!item.get("callId").isNull() && callId.equals(item.get("callId").asString())) {
                return item;
            }
        }
        throw new AssertionError("no decision rang " + callId);
    }

    private static List<String> candidateIds(JsonNode decision) {
        var ids = new ArrayList<String>();
        decision.get("candidates").forEach(candidate -> ids.add(candidate.get("companionId").asString()));
        return ids;
    }

    private static String state(JsonNode frame) {
        return frame.get("state").asString();
    }

    /** The next {@code queue} frame on the socket that matches, skipping any other frame. */
    private static JsonNode queueFrame(RealtimeClient socket, Predicate<JsonNode> wanted) {
        long until = System.nanoTime() + PATIENCE.toNanos();
        var seen = new ArrayList<String>();
        while (System.nanoTime() < until) {
            JsonNode frame = socket.next(Duration.ofMillis(200));
            if (frame == null) {
                continue;
            }
            seen.add(frame.toString());
            if (frame.hasNonNull("type") && "queue".equals(frame.get("type").asString()) && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no such queue frame; received " + seen);
    }
}
