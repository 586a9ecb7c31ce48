package app.hearth.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A rating of 1-2 or the tag felt_unsafe opens one review case for the companion's supervisor, however the rating is
 * changed after; staff read the cases (a supervisor only their teams', every read audited), members and companions
 * are refused.
 */
class ModerationCasesIT extends RatingsIntegrationTest {

    /** Every case the caller sees for {@code companionId}, newest first, paging one at a time. */
    private List<JsonNode> casesOf(Api staff, String companionId) {
        var cases = new ArrayList<JsonNode>();
        String cursor = null;
        do {
            var page = staff.get("/api/v1/moderation/cases?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            page.body().get("items").forEach(item -> {
                if (item.get("companionId").asString().equals(companionId)) {
                    cases.add(item);
                }
            });
            cursor = page.body().path("nextCursor").isString() ? page.body().get("nextCursor").asString() : null;
        } while (cursor != null);
        return cases;
    }

    @Test
    void aLowRatingAndFeltUnsafeEachOpenOneCaseSeenByTheTeamsSupervisorOnly() {
        advanceToNextLondonNoon();
        String[] team = companionInTeam("c-mod");
        String[] otherTeam = companionInTeam("c-mod-other");
        String companionId = team[0];

        String low = id("m-low");
        member(low, 100);
        String lowConversation = dayOfChat(low, companionId);
        var lowRating = rateDay(low, lowConversation, today(), rating(2));
        assertThat(lowRating.status()).as(lowRating.raw().body()).isEqualTo(201);
        assertThat(rateDay(low, lowConversation, today(), rating(1, "rude")).status()).isEqualTo(200);
        assertThat(rateDay(low, lowConversation, today(), rating(4)).status()).isEqualTo(200);
        assertThat(rateDay(low, lowConversation, today(), rating(1)).status()).isEqualTo(200);

        String unsafe = id("m-unsafe");
        member(unsafe, 100);
        var unsafeRating = rateDay(unsafe, dayOfChat(unsafe, companionId), today(), rating(5, "felt_unsafe"));
        assertThat(unsafeRating.status()).isEqualTo(201);

        String fine = id("m-fine");
        member(fine, 100);
        assertThat(rateDay(fine, dayOfChat(fine, companionId), today(), rating(3, "late")).status()).isEqualTo(201);

        Api supervisor = as("supervisor", team[1]);
        List<JsonNode> cases = casesOf(supervisor, companionId);
        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).get("reference").asString()).isEqualTo(unsafeRating.body().get("ratingId").asString());
        assertThat(cases.get(0).get("reason").asString()).isEqualTo("FELT_UNSAFE");
        assertThat(cases.get(1).get("reference").asString()).isEqualTo(lowRating.body().get("ratingId").asString());
        assertThat(cases.get(1).get("reason").asString()).isEqualTo("LOW_SCORE");
        for (JsonNode opened : cases) {
            assertThat(opened.get("source").asString()).isEqualTo("RATING");
            assertThat(opened.get("status").asString()).isEqualTo("OPEN");
            assertThat(opened.get("teamId").asString()).isEqualTo(team[2]);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM moderation_case WHERE companion_id = ?", Long.class,
                companionId)).as("exactly once per rating").isEqualTo(2);

        // another team's supervisor sees none of them; admins and superadmins all; members and companions are refused
        assertThat(casesOf(as("supervisor", otherTeam[1]), companionId)).isEmpty();
        assertThat(casesOf(as("admin", "ratings-admin"), companionId)).hasSize(2);
        assertThat(casesOf(as("superadmin", "ratings-root"), companionId)).hasSize(2);
        assertThat(as("member", low).get("/api/v1/moderation/cases").status()).isEqualTo(403);
        assertThat(as("companion", companionId).get("/api/v1/moderation/cases").status()).isEqualTo(403);

        // every staff read is in the staff audit trail
        var reads = as("superadmin", "ratings-root").get("/api/v1/audit/staff-actions?kind=moderation_cases_read"
                + "&actorId=supervisor:" + team[1] + "&limit=200").body().get("items");
        assertThat(reads.size()).isGreaterThanOrEqualTo(1);
        assertThat(reads.get(0).get("subject").asString()).isEqualTo("moderation-cases");
        assertThat(as("superadmin", "ratings-root").get("/api/v1/audit/staff-actions?kind=moderation_cases_read"
                + "&actorId=supervisor:" + otherTeam[1] + "&limit=200").body().get("items").size())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLowRatingOfACompletedCallOpensACaseToo() {
        advanceToNextLondonNoon();
        String memberId = id("m-call-low");
        String companionId = id("c-call-low");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = completedCall(member, companion, companionId, id("call-low"));
        var given = member.put("/api/v1/calls/" + callId + "/rating", rating(1, "felt_unsafe"));
        assertThat(given.status()).as(given.raw().body()).isEqualTo(201);
        var cases = casesOf(as("admin", "ratings-admin"), companionId);
        assertThat(cases).hasSize(1);
        assertThat(cases.getFirst().get("reason").asString()).isEqualTo("LOW_SCORE,FELT_UNSAFE");
        assertThat(cases.getFirst().get("teamId").isNull()).as("in no team").isTrue();
    }
}
