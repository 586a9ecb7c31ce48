package app.hearth.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.calls.CallsIntegrationTest;
import app.hearth.support.Api;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Ratings tests on the calls base (a context of its own on the test clock): calls, chat and teams helpers. */
abstract class RatingsIntegrationTest extends CallsIntegrationTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Moves the test clock on to the next 12:00 in London: the whole day is ahead, and no night multiplier. */
    static void advanceToNextLondonNoon() {
        ZonedDateTime now = CLOCK.instant().atZone(LONDON);
        ZonedDateTime noon = now.toLocalDate().atTime(12, 0).atZone(LONDON);
        if (!noon.isAfter(now)) {
            noon = now.toLocalDate().plusDays(1).atTime(12, 0).atZone(LONDON);
        }
        CLOCK.advance(Duration.between(now, noon));
    }

    static String today() {
        return LocalDate.ofInstant(CLOCK.instant(), LONDON).toString();
    }

    /** A member (see {@link #member}: London, tokens to chat) writes to the companion and the companion answers; the id. */
    String dayOfChat(String memberId, String companionId) {
        var opened = as("member", memberId).post("/api/v1/companions/" + companionId + "/messages",
                Map.of("clientMessageId", "hello-" + CLOCK.instant(), "text", "Hello, how are you?"));
        assertThat(opened.status()).as(opened.raw().body()).isIn(200, 201);
        String conversationId = opened.body().get("conversationId").asString();
        var answered = as("companion", companionId).post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("clientMessageId", "answer-" + CLOCK.instant(), "text", "Lovely to hear from you"));
        assertThat(answered.status()).as(answered.raw().body()).isIn(200, 201);
        return conversationId;
    }

    static Map<String, Object> rating(int score, String... tags) {
        return Map.of("score", score, "tags", List.of(tags));
    }

    Api.Response rateDay(String memberId, String conversationId, String date, Map<String, Object> rating) {
        return as("member", memberId).put("/api/v1/conversations/" + conversationId + "/ratings/" + date, rating);
    }

    /** A completed call of the member to the companion: connected, then hung up by the member; the call id. */
    String completedCall(Api member, Api companion, String companionId, String callId) {
        connectedCall(member, companion, companionId, callId);
        var hungUp = member.post("/api/v1/calls/" + callId + "/hangup", null);
        assertThat(hungUp.status()).as(hungUp.raw().body()).isEqualTo(200);
        assertThat(awaitEnded(callId).completed()).isTrue();
        return callId;
    }

    /** An active companion (profile in London) in a new team led by a new supervisor; [companion, supervisor, team]. */
    String[] companionInTeam(String name) {
        String companionId = id(name);
        String supervisorId = id(name + "-supervisor");
        Api admin = as("admin", "ratings-admin");
        assertThat(admin.post("/api/v1/companions", Map.of("userId", companionId, "displayName", name)).status())
                .isEqualTo(201);
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName", name,
                "languages", List.of("en"), "gender", "female", "birthYear", 1970, "yearsOfExperience", 2,
                "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        as("supervisor", supervisorId).get("/api/v1/me/profile"); // records the supervisor role
        String teamId = admin.post("/api/v1/teams", Map.of("name", "team of " + supervisorId)).body().get("teamId")
                .asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisorId))
                .status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/companions/" + companionId + "/team", Map.of("teamId", teamId)).status())
                .isEqualTo(200);
        return new String[] {companionId, supervisorId, teamId};
    }

    /** The companion's rating and count as their record holds them. */
    Map<String, Object> companionRow(String companionId) {
        return jdbc.queryForMap("SELECT rating, rating_count FROM companion WHERE companion_id = ?", companionId);
    }

    void awaitCredits(String companionId, int count) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM earnings_entry WHERE companion_id = ? AND kind = 'ACTIVITY_CREDIT'", Long.class,
                companionId) >= count);
    }
}
