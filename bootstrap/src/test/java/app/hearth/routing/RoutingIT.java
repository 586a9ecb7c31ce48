package app.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.support.Api;
import tools.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Routing for anyone through {@code POST /api/v1/calls} (ADR 0054): each rule decides, the fairness cap, a declined or
 * missed call goes to the next candidate (3 offers, then the queue), the queue's positions, dispatch, cancel and
 * timeout, the decisions for staff in scope, and "talk to someone now".
 */
class RoutingIT extends RoutingIntegrationTest {

    private static void assertRung(Api.Response response, String companionId, String rule) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.body().get("companionId").asString()).isEqualTo(companionId);
        assertThat(response.body().get("routing").get("rule").asString()).isEqualTo(rule);
        assertThat(response.body().get("routing").get("explanation").asString()).isNotBlank();
    }

    @Test
    void favoriteFirstThenTheBestInterestMatchThenTheLongestIdleThenNobodyAndTheMemberWaits() {
        String fav = id("c-fav");
        String music = id("c-music");
        String old = id("c-old");
        String recent = id("c-recent");
        for (String companion : List.of(fav, old, recent)) {
            companion(companion, "yo", List.of("listening"));
        }
        companion(music, "yo", List.of("music"));
        available(old); // idle longest
        CLOCK.advance(Duration.ofMinutes(10));
        available(recent);
        CLOCK.advance(Duration.ofMinutes(10));
        available(fav);
        available(music);

        Api m1 = member(id("m1"), "yo", List.of("music"));
        assertThat(m1.put("/api/v1/me/favorites/" + fav, null).status()).isIn(200, 201);
        var first = callAnyone(m1, id("call-1"));
        assertRung(first, fav, "FAVORITE");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var read = m1.get("/api/v1/calls/" + id("call-1"));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("routing").get("rule").asString()).isEqualTo("FAVORITE");
        });
        var companionsView = as("companion", fav).get("/api/v1/calls/" + id("call-1"));
        assertThat(companionsView.body().get("routing").isNull()).as("why is the member's").isTrue();

        assertRung(callAnyone(member(id("m2"), "yo", List.of("music")), id("call-2")), music, "INTEREST_MATCH");
        assertRung(callAnyone(member(id("m3"), "yo", List.of()), id("call-3")), old, "LONGEST_IDLE");
        assertRung(callAnyone(member(id("m4"), "yo", List.of()), id("call-4")), recent, "ONLY_CANDIDATE");

        Api m5 = member(id("m5"), "yo", List.of());
        var waiting = callAnyone(m5, id("call-5"));
        assertThat(waiting.status()).as(waiting.raw().body()).isEqualTo(202);
        assertThat(waiting.body().get("state").asString()).isEqualTo("waiting");
        assertThat(waiting.body().get("queue").get("position").asLong()).isEqualTo(1);
        assertThat(m5.delete("/api/v1/me/queue").status()).isEqualTo(204);
        offline(fav, music, old, recent);
    }

    @Test
    void theFiltersNarrowWhoIsConsidered() {
        String listener = id("c-listener");
        String musician = id("c-musician");
        companion(listener, "ha", List.of("listening"));
        companion(musician, "ha", List.of("music"));
        available(listener);
        available(musician);
        Api member = member(id("m-filter"), "ha", List.of("listening"));
        var filtered = member.post("/api/v1/calls", Map.of("callId", id("call-filter"), "companionId", "any",
                "kind", "audio", "filters", Map.of("skill", "music")));
        assertRung(filtered, musician, "ONLY_CANDIDATE");
        var bad = member.post("/api/v1/calls", Map.of("callId", id("call-bad"), "companionId", "any",
                "kind", "audio", "filters", Map.of("skill", "juggling")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("INVALID_FILTER");
        offline(listener, musician);
    }

    @Test
    void noCompanionIsOfferedASeventhNewMemberInAnHourWhileAnotherHadNone() {
        String popular = id("c-popular");
        String fresh = id("c-fresh");
        companion(popular, "zu", List.of("music"));
        companion(fresh, "zu", List.of("listening"));
        available(popular);
        for (int i = 1; i <= 6; i++) {
            Api member = member(id("m-fair-" + i), "zu", List.of("music"));
            String callId = id("call-fair-" + i);
            assertThat(callAnyone(member, callId).body().get("companionId").asString()).isEqualTo(popular);
            assertThat(member.post("/api/v1/calls/" + callId + "/cancel", null).status()).isEqualTo(200);
        }
        available(fresh);
        var seventh = callAnyone(member(id("m-fair-7"), "zu", List.of("music")), id("call-fair-7"));
        assertRung(seventh, fresh, "FAIRNESS");
        offline(popular, fresh);
    }

    @Test
    void aDeclinedOrMissedCallGoesToTheNextUpToThreeOffersThenTheMemberWaitsAndTheNextAvailableGetsThem() {
        String a = id("c-a");
        String b = id("c-b");
        String c = id("c-c");
        String d = id("c-d");
        companion(a, "xh", List.of("music", "books_and_films"));
        companion(b, "xh", List.of("music"));
        companion(c, "xh", List.of("listening"));
        companion(d, "xh", List.of("listening"));
        for (String companion : List.of(a, b, c)) {
            available(companion);
        }
        String memberId = id("m-next");
        Api member = member(memberId, "xh", List.of("music", "books_and_films"));
        var first = callAnyone(member, id("call-next"));
        assertRung(first, a, "INTEREST_MATCH");
        assertThat(as("companion", a).post("/api/v1/calls/" + id("call-next") + "/decline", null).status())
                .isEqualTo(200);
        String second = awaitRinging(member, b);
        assertThat(as("companion", b).post("/api/v1/calls/" + second + "/decline", null).status()).isEqualTo(200);
        String third = awaitRinging(member, c);
        CLOCK.advance(Duration.ofSeconds(50)); // nobody answers: missed
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var place = member.get("/api/v1/me/queue");
            assertThat(place.status()).as("after 3 offers the member waits").isEqualTo(200);
            assertThat(place.body().get("position").asLong()).isEqualTo(1);
        });
        assertThat(ringingWith(member).keySet()).doesNotContain(third);

        available(d);
        String fourth = awaitRinging(member, d);
        assertThat(member.get("/api/v1/me/queue").code()).isEqualTo("NOT_WAITING");
        var decisions = as("admin", id("admin")).get("/api/v1/admin/routing-decisions?limit=200").body();
        var chain = new ArrayList<String>();
        decisions.get("items").forEach(item -> {
            if (item.get("memberId").asString().equals(memberId) && !item.get("chosenCompanionId").isNull()) {
                chain.addFirst(item.get("chosenCompanionId").asString());
            }
        });
        assertThat(chain).containsExactly(a, b, c, d);
        assertThat(fourth).isNotBlank();
        offline(a, b, c, d);
    }

    @Test
    void theQueueIsFifoPerLanguageWithAnEstimatedWaitAMemberMayLeaveAndAPlaceLapsesAfterTenMinutes() {
        Api m1 = member(id("m-q1"), "sw", List.of());
        Api m2 = member(id("m-q2"), "sw", List.of());
        Api m3 = member(id("m-q3"), "sw", List.of());
        Api other = member(id("m-q-other"), "sm", List.of());
        var one = callAnyone(m1, id("call-q1"));
        assertThat(one.status()).as(one.raw().body()).isEqualTo(202);
        assertThat(one.body().get("queue").get("position").asLong()).isEqualTo(1);
        assertThat(one.body().get("queue").get("estimatedWaitSeconds").asLong()).isEqualTo(60);
        var two = callAnyone(m2, id("call-q2"));
        assertThat(two.body().get("queue").get("position").asLong()).isEqualTo(2);
        assertThat(two.body().get("queue").get("estimatedWaitSeconds").asLong()).isEqualTo(120);
        assertThat(callAnyone(other, id("call-q-other")).body().get("queue").get("position").asLong())
                .as("a line per language").isEqualTo(1);
        assertThat(callAnyone(m2, id("call-q2")).body().get("queue").get("position").asLong())
                .as("asking again keeps the place").isEqualTo(2);
        assertThat(callAnyone(m3, id("call-q3")).body().get("queue").get("position").asLong()).isEqualTo(3);

        assertThat(m2.delete("/api/v1/me/queue").status()).isEqualTo(204);
        assertThat(m2.get("/api/v1/me/queue").code()).isEqualTo("NOT_WAITING");
        assertThat(m2.delete("/api/v1/me/queue").status()).isEqualTo(404);
        assertThat(m3.get("/api/v1/me/queue").body().get("position").asLong()).isEqualTo(2);

        String companion = id("c-q");
        companion(companion, "sw", List.of("listening"));
        available(companion);
        String rung = awaitRinging(m1, companion);
        assertThat(rung).isNotBlank();
        assertThat(m1.get("/api/v1/me/queue").code()).isEqualTo("NOT_WAITING");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(m3.get("/api/v1/me/queue").body().get("position").asLong()).isEqualTo(1));

        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(m3.get("/api/v1/me/queue").code()).isEqualTo("NOT_WAITING");
            assertThat(other.get("/api/v1/me/queue").code()).isEqualTo("NOT_WAITING");
        });
        offline(companion);
    }

    @Test
    void staffReadTheDecisionsInTheirScopeWithCursorPagingAndAMemberTalksToSomeoneNow() {
        Api admin = as("admin", id("admin"));
        String inTeam = id("c-team");
        String outside = id("c-outside");
        companion(inTeam, "fj", List.of("listening"));
        companion(outside, "to", List.of("listening"));
        Api supervisor = as("supervisor", id("sup"));
        Api supervisorOfNothing = as("supervisor", id("sup-of-nothing"));
        var team = admin.post("/api/v1/teams", Map.of("name", "routing " + run));
        assertThat(team.status()).as(team.raw().body()).isEqualTo(201);
        String teamId = team.body().get("teamId").asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", id("sup")))
                .status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/companions/" + inTeam + "/team", Map.of("teamId", teamId)).status())
                .isEqualTo(200);
        available(inTeam);
        available(outside);
        assertRung(callAnyone(member(id("m-team"), "fj", List.of()), id("call-team")), inTeam, "ONLY_CANDIDATE");
        Api writer = member(id("m-writer"), "to", List.of());
        var talk = writer.post("/api/v1/conversation-requests", Map.of("gender", "female"));
        assertThat(talk.status()).as(talk.raw().body()).isEqualTo(200);
        assertThat(talk.body().get("companionId").asString()).isEqualTo(outside);
        assertThat(talk.body().get("rule").asString()).isEqualTo("ONLY_CANDIDATE");
        var message = writer.post("/api/v1/companions/" + outside + "/messages",
                Map.of("clientMessageId", id("first-message"), "text", "Hello"));
        assertThat(message.status()).as(message.raw().body()).isIn(200, 201);

        List<String> chosenByAdmin = chosen(admin, 200);
        assertThat(chosenByAdmin).contains(inTeam, outside);
        List<String> chosenBySupervisor = chosen(supervisor, 200);
        assertThat(chosenBySupervisor).contains(inTeam).doesNotContain(outside);
        assertThat(chosen(supervisorOfNothing, 200)).isEmpty();
        assertThat(as("member", id("m-team")).get("/api/v1/admin/routing-decisions").status()).isEqualTo(403);

        var page1 = admin.get("/api/v1/admin/routing-decisions?limit=1").body();
        assertThat(page1.get("items")).hasSize(1);
        String cursor = page1.get("nextCursor").asString();
        var page2 = admin.get("/api/v1/admin/routing-decisions?limit=1&cursor=" + cursor).body();
        assertThat(page2.get("items").get(0).get("decidedAt").asString()).isNotNull();
        assertThat(page2.get("items").get(0).toString()).isNotEqualTo(page1.get("items").get(0).toString());
        offline(inTeam, outside);
    }

    private static List<String> chosen(Api staff, int limit) {
        var page = staff.get("/api/v1/admin/routing-decisions?limit=" + limit);
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        List<String> chosen = new ArrayList<>();
        page.body().get("items").forEach(item -> {
            if (!item.get("chosenCompanionId").isNull()) {
                chosen.add(item.get("chosenCompanionId").asString());
            }
        });
        return chosen;
    }

    /** The call id of the member's ringing call with {@code companionId}, once it rings. */
    private String awaitRinging(Api member, String companionId) {
        var found = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var ringing = ringingWith(member);
            assertThat(ringing).containsValue(companionId);
            ringing.forEach((callId, companion) -> {
                if (companion.equals(companionId)) {
                    found[0] = callId;
                }
            });
        });
        return found[0];
    }

    /** The member's ringing calls: call id to companion id. */
    private static Map<String, String> ringingWith(Api member) {
        JsonNode calls = member.get("/api/v1/me/calls?limit=20").body();
        var ringing = new java.util.HashMap<String, String>();
        calls.get("items").forEach(call -> {
            if ("ringing".equals(call.get("state").asString())) {
                ringing.put(call.get("callId").asString(), call.get("companionId").asString());
            }
        });
        return ringing;
    }
}
