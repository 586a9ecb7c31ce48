package app.hearth.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The companion's Bayesian rating (prior 4.5 weighing as 5 ratings, the last 30 days) reaches their public profile, the
 * {@code minRating} filter and the high-rating multiplier: with the prior, 7 five-star ratings make 4.79 and the eighth
 * 4.81, and the next credit then carries x1.1 (HIGH_RATING).
 */
class CompanionRatingIT extends RatingsIntegrationTest {

    private List<String> listed(Api caller, String query) {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            var page = caller.get("/api/v1/companions?limit=200&" + query + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            page.body().get("items").forEach(item -> ids.add(item.get("companionId").asString()));
            cursor = page.body().path("nextCursor").isString() ? page.body().get("nextCursor").asString() : null;
        } while (cursor != null);
        return ids;
    }

    /** The multipliers of the companion's activity credits, in the order they were credited. */
    private List<Integer> multipliers(String companionId) {
        return jdbc.queryForList("SELECT multiplier_basis_points FROM earnings_entry WHERE companion_id = ? "
                + "AND kind = 'ACTIVITY_CREDIT' ORDER BY position", Integer.class, companionId);
    }

    @Test
    void eightFiveStarRatingsLiftTheCompanionTo481InTheirProfileTheFilterAndTheMultiplierOfTheNextCredit() {
        advanceToNextLondonNoon(); // daytime in London: no night multiplier
        String companionId = id("c-star");
        availableCompanion(companionId);
        String reader = id("m-reader");
        Api member = member(reader, 0);
        var profile = member.get("/api/v1/companions/" + companionId).body();
        assertThat(profile.path("rating").isNumber()).as("no rating before any").isFalse();
        assertThat(profile.get("ratingCount").asInt()).isZero();

        for (int i = 1; i <= 8; i++) {
            String memberId = id("m-star-" + i);
            member(memberId, 100);
            String conversationId = dayOfChat(memberId, companionId);
            awaitCredits(companionId, i);
            assertThat(rateDay(memberId, conversationId, today(), rating(5, "kind")).status()).isEqualTo(201);
            if (i == 7) {
                assertThat(companionRow(companionId)).containsEntry("rating", new BigDecimal("4.79"));
                assertThat(listed(member, "minRating=4.8")).doesNotContain(companionId);
                assertThat(listed(member, "minRating=4.75")).contains(companionId);
            }
        }
        assertThat(companionRow(companionId)).containsEntry("rating", new BigDecimal("4.81"))
                .containsEntry("rating_count", 8);
        profile = member.get("/api/v1/companions/" + companionId).body();
        assertThat(profile.get("rating").asDouble()).isEqualTo(4.81);
        assertThat(profile.get("ratingCount").asInt()).isEqualTo(8);
        assertThat(listed(member, "minRating=4.8")).contains(companionId);
        assertThat(listed(member, "minRating=4.82")).doesNotContain(companionId);
        var summary = as("companion", companionId).get("/api/v1/me/rating").body();
        assertThat(summary.get("rating").asDouble()).isEqualTo(4.81);
        assertThat(summary.get("tags").get("kind").asInt()).isEqualTo(8);
        assertThat(summary.get("tags").get("felt_unsafe").asInt()).isZero();

        // every credit so far was earned below 4.80; the next one is at 4.81: x1.1
        assertThat(multipliers(companionId)).hasSize(8).containsOnly(10_000);
        String ninth = id("m-star-9");
        member(ninth, 100);
        dayOfChat(ninth, companionId);
        awaitCredits(companionId, 9);
        assertThat(multipliers(companionId).getLast()).as("HIGH_RATING").isEqualTo(11_000);
    }
}
