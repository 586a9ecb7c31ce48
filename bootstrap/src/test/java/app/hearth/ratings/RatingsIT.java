package app.hearth.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.ratings.Ratings;
import app.hearth.support.Api;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Members rate a completed call or a conversation-day once, change it within 24 hours and not after; a call that was
 * not completed and a day without conversation are refused with the field at fault; nobody else reaches a rating; the
 * companion's rating is written to their record and leaves it as its ratings leave the 30-day window.
 */
class RatingsIT extends RatingsIntegrationTest {

    @Autowired
    Ratings ratings;

    @BeforeEach
    void atNoon() {
        advanceToNextLondonNoon();
    }

    @Test
    void aMemberRatesACompletedCallOnceAndChangesItWithin24HoursButNotAfter() {
        String memberId = id("m-call");
        String companionId = id("c-call");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = completedCall(member, companion, companionId, id("call-rated"));
        String path = "/api/v1/calls/" + callId + "/rating";

        assertThat(member.get(path).code()).isEqualTo("RATING_NOT_FOUND");
        var given = member.put(path, rating(4, "kind", "patient"));
        assertThat(given.status()).as(given.raw().body()).isEqualTo(201);
        assertThat(given.body().get("subject").asString()).isEqualTo("CALL");
        assertThat(given.body().get("callId").asString()).isEqualTo(callId);
        assertThat(given.body().get("score").asInt()).isEqualTo(4);
        assertThat(given.body().get("tags").toString()).isEqualTo("[\"kind\",\"patient\"]");
        assertThat(companionRow(companionId)).containsEntry("rating", new BigDecimal("4.42"))
                .containsEntry("rating_count", 1); // (4.5 x 5 + 4) / 6 = 4.417

        CLOCK.advance(Duration.ofHours(23));
        member = as("member", memberId); // tokens made on the moved clock
        var changed = member.put(path, rating(5));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.body().get("ratingId").asString()).isEqualTo(given.body().get("ratingId").asString());
        assertThat(member.get(path).body().get("score").asInt()).isEqualTo(5);
        assertThat(member.get(path).body().get("tags")).isEmpty();
        assertThat(companionRow(companionId)).containsEntry("rating", new BigDecimal("4.58"))
                .containsEntry("rating_count", 1); // still one rating: (22.5 + 5) / 6

        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        member = as("member", memberId);
        companion = as("companion", companionId);
        var late = member.put(path, rating(1));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("RATING_CLOSED");
        assertThat(member.get(path).body().get("score").asInt()).isEqualTo(5);

        var summary = companion.get("/api/v1/me/rating");
        assertThat(summary.status()).as(summary.raw().body()).isEqualTo(200);
        assertThat(summary.body().get("rating").asDouble()).isEqualTo(4.58);
        assertThat(summary.body().get("ratingCount").asInt()).isEqualTo(1);
        assertThat(summary.body().get("windowDays").asInt()).isEqualTo(30);
        assertThat(summary.raw().body()).as("the companion never learns who rated").doesNotContain(memberId);

        // nobody else reaches the call's rating: another member is told it does not exist, others are refused
        String stranger = id("m-stranger");
        member(stranger, 0);
        assertThat(as("member", stranger).get(path).code()).isEqualTo("CALL_NOT_FOUND");
        assertThat(as("member", stranger).put(path, rating(1)).code()).isEqualTo("CALL_NOT_FOUND");
        assertThat(companion.put(path, rating(5)).status()).isEqualTo(403);
        assertThat(as("admin", "ratings-admin").get(path).status()).isEqualTo(403);
        assertThat(member.get("/api/v1/me/rating").status()).isEqualTo(403);
    }

    @Test
    void aCallThatWasNotCompletedAndBadScoresOrTagsAreRefusedNamingTheField() {
        String memberId = id("m-bad");
        String companionId = id("c-bad");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String cancelled = id("call-cancelled");
        assertThat(call(member, cancelled, companionId, "audio").status()).isEqualTo(201);
        assertThat(member.post("/api/v1/calls/" + cancelled + "/cancel", null).status()).isEqualTo(200);
        awaitEnded(cancelled);

        var refused = member.put("/api/v1/calls/" + cancelled + "/rating", rating(5));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("CALL_NOT_COMPLETED");
        assertThat(refused.body().get("field").asString()).isEqualTo("callId");
        assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");

        String callId = completedCall(member, companion, companionId, id("call-ok"));
        String path = "/api/v1/calls/" + callId + "/rating";
        for (var bad : new Object[][] {{0, "score", "RATING_SCORE_OUT_OF_RANGE"},
                {6, "score", "RATING_SCORE_OUT_OF_RANGE"}}) {
            var answer = member.put(path, Map.of("score", bad[0]));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo(bad[2]);
            assertThat(answer.body().get("field").asString()).isEqualTo(bad[1]);
        }
        var noScore = member.put(path, Map.of("tags", java.util.List.of("kind")));
        assertThat(noScore.code()).isEqualTo("RATING_SCORE_OUT_OF_RANGE");
        var unknownTag = member.put(path, rating(5, "kind", "grumpy"));
        assertThat(unknownTag.status()).isEqualTo(400);
        assertThat(unknownTag.code()).isEqualTo("UNKNOWN_RATING_TAG");
        assertThat(unknownTag.body().get("field").asString()).isEqualTo("tags");
        assertThat(member.get(path).code()).as("nothing was stored").isEqualTo("RATING_NOT_FOUND");
        assertThat(companionRow(companionId)).containsEntry("rating", null).containsEntry("rating_count", 0);
    }

    @Test
    void aMemberRatesADayOfConversationOnWhichBothSidesWroteOnlyOnce() {
        String memberId = id("m-day");
        String companionId = id("c-day");
        member(memberId, 100);
        availableCompanion(companionId);
        String conversationId = dayOfChat(memberId, companionId);
        String today = today();

        var given = rateDay(memberId, conversationId, today, rating(5, "good_listener", "funny"));
        assertThat(given.status()).as(given.raw().body()).isEqualTo(201);
        assertThat(given.body().get("subject").asString()).isEqualTo("CONVERSATION_DAY");
        assertThat(given.body().get("conversationId").asString()).isEqualTo(conversationId);
        assertThat(given.body().get("date").asString()).isEqualTo(today);
        var again = rateDay(memberId, conversationId, today, rating(4));
        assertThat(again.status()).as("one rating per conversation-day: a second is a change").isEqualTo(200);
        assertThat(again.body().get("ratingId").asString()).isEqualTo(given.body().get("ratingId").asString());
        assertThat(as("member", memberId).get("/api/v1/conversations/" + conversationId + "/ratings/" + today)
                .body().get("score").asInt()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rating WHERE conversation_id = ?", Long.class,
                conversationId)).isEqualTo(1);

        // a day on which they did not both write: yesterday, and a day on which only the member wrote
        String yesterday = LocalDate.parse(today).minusDays(1).toString();
        var noTalk = rateDay(memberId, conversationId, yesterday, rating(5));
        assertThat(noTalk.status()).isEqualTo(422);
        assertThat(noTalk.code()).isEqualTo("NO_CONVERSATION_ON_DAY");
        assertThat(noTalk.body().get("field").asString()).isEqualTo("date");
        advanceToNextLondonNoon();
        as("member", memberId).post("/api/v1/companions/" + companionId + "/messages",
                Map.of("clientMessageId", "alone-" + run, "text", "Are you there?"));
        assertThat(rateDay(memberId, conversationId, today(), rating(5)).code()).isEqualTo("NO_CONVERSATION_ON_DAY");
        assertThat(rateDay(memberId, conversationId, "yesterday", rating(5)).code()).isEqualTo("INVALID_DATE");

        // nobody else reaches the conversation's ratings
        String stranger = id("m-day-stranger");
        member(stranger, 0);
        assertThat(rateDay(stranger, conversationId, today, rating(1)).code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(as("member", stranger).get("/api/v1/conversations/" + conversationId + "/ratings/" + today)
                .code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(as("companion", companionId).put("/api/v1/conversations/" + conversationId + "/ratings/" + today,
                rating(5)).status()).isEqualTo(403);
    }

    @Test
    void theCompanionsRatingLeavesTheirRecordWhenItsRatingsLeaveTheThirtyDayWindow() {
        String companionId = id("c-aging");
        availableCompanion(companionId);
        for (int i = 0; i < 2; i++) {
            String memberId = id("m-aging-" + i);
            member(memberId, 100);
            assertThat(rateDay(memberId, dayOfChat(memberId, companionId), today(), rating(i == 0 ? 1 : 5)).status())
                    .isEqualTo(201);
            CLOCK.advance(Duration.ofDays(2));
        }
        assertThat(companionRow(companionId)).containsEntry("rating", new BigDecimal("4.07"))
                .containsEntry("rating_count", 2); // (22.5 + 1 + 5) / 7 = 4.071

        CLOCK.advance(Duration.ofDays(27)); // the first rating is 31 days old, the second 29
        assertThat(ratings.refreshDue(1000)).isGreaterThanOrEqualTo(1);
        assertThat(companionRow(companionId)).containsEntry("rating", new BigDecimal("4.58"))
                .containsEntry("rating_count", 1);

        CLOCK.advance(Duration.ofDays(2));
        assertThat(ratings.refreshDue(1000)).isGreaterThanOrEqualTo(1);
        assertThat(companionRow(companionId)).containsEntry("rating", null).containsEntry("rating_count", 0);
        assertThat(ratings.refreshDue(1000)).as("nothing is due any more").isZero();
        assertThat(as("companion", companionId).get("/api/v1/me/rating").body().get("rating").isNull()).isTrue();
    }
}
