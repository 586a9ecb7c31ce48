package app.hearth.companions;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A member's favorite companions over HTTP: added and removed idempotently, listed newest first with a cursor, only
 * companions a member may see, only by members, at most 100, and erased when the member closes their account.
 */
class FavoritesIT extends IntegrationTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return "fav-" + run + "-" + name;
    }

    private Api admin() {
        return as("admin", "favorites-admin");
    }

    private String activeCompanion(String name) {
        String companionId = id(name);
        assertThat(admin().post("/api/v1/companions", Map.of("userId", companionId, "displayName", "C " + name))
                .status()).isEqualTo(201);
        var body = new HashMap<String, Object>(Map.of("displayName", "C " + name, "bio", "Happy to talk",
                "languages", List.of("en"), "gender", "female", "birthYear", 1970, "skills", List.of("listening"),
                "yearsOfExperience", 5, "timeZone", "Europe/London"));
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", body);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return companionId;
    }

    private List<String> listed(Api member, int pageSize) {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            var page = member.get("/api/v1/me/favorites?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            page.body().get("items").forEach(item -> ids.add(item.get("companion").get("companionId").asString()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    @Test
    void aMemberAddsAndRemovesFavoritesIdempotentlyAndListsThemNewestFirstWithACursor() {
        Api member = as("member", id("member"));
        String ada = activeCompanion("ada");
        String bob = activeCompanion("bob");
        String cy = activeCompanion("cy");

        var added = member.put("/api/v1/me/favorites/" + ada, null);
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        assertThat(added.body().get("companion").get("displayName").asString()).isEqualTo("C ada");
        assertThat(added.body().get("companion").has("status")).as("the public profile only").isFalse();
        var again = member.put("/api/v1/me/favorites/" + ada, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("favoritedAt")).isEqualTo(added.body().get("favoritedAt"));
        assertThat(member.put("/api/v1/me/favorites/" + bob, null).status()).isEqualTo(201);
        assertThat(member.put("/api/v1/me/favorites/" + cy, null).status()).isEqualTo(201);

        assertThat(listed(member, 2)).containsExactly(cy, bob, ada);
        assertThat(listed(member, 1)).containsExactly(cy, bob, ada);

        assertThat(member.delete("/api/v1/me/favorites/" + bob).status()).isEqualTo(204);
        assertThat(member.delete("/api/v1/me/favorites/" + bob).status()).as("again").isEqualTo(204);
        assertThat(listed(member, 50)).containsExactly(cy, ada);
        assertThat(listed(as("member", id("someone-else")), 50)).as("nobody else's favorites").isEmpty();
    }

    @Test
    void onlyMembersKeepFavoritesOfCompanionsTheyMaySee() {
        Api member = as("member", id("picky"));
        String ada = activeCompanion("ada2");
        assertThat(member.put("/api/v1/me/favorites/" + id("nobody"), null).code()).isEqualTo("COMPANION_NOT_FOUND");
        String invited = id("invited");
        admin().post("/api/v1/companions", Map.of("userId", invited, "displayName", "Not yet"));
        var notListed = member.put("/api/v1/me/favorites/" + invited, null);
        assertThat(notListed.status()).isEqualTo(404);
        assertThat(notListed.header("Content-Type")).startsWith("application/problem+json");

        var byCompanion = as("companion", ada).put("/api/v1/me/favorites/" + ada, null);
        assertThat(byCompanion.status()).isEqualTo(403);
        assertThat(as("admin", id("admin")).get("/api/v1/me/favorites").status()).isEqualTo(403);

        // a favorite whose companion is suspended is no longer listed, and comes back when reinstated
        assertThat(member.put("/api/v1/me/favorites/" + ada, null).status()).isEqualTo(201);
        assertThat(admin().post("/api/v1/companions/" + ada + "/suspension", Map.of("reason", "test")).status())
                .isEqualTo(200);
        assertThat(listed(member, 50)).isEmpty();
        assertThat(admin().post("/api/v1/companions/" + ada + "/reinstatement", Map.of("reason", "test")).status())
                .isEqualTo(200);
        assertThat(listed(member, 50)).containsExactly(ada);

        assertThat(member.get("/api/v1/me/favorites?cursor=garbage").code()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void aMemberKeepsAtMostOneHundredFavoritesEvenWhenAddingManyAtOnce() throws Exception {
        String memberId = id("collector");
        Api member = as("member", memberId);
        String companion = activeCompanion("many");
        // rows for 98 companions are enough to reach the limit without inviting them all
        for (int i = 0; i < 98; i++) {
            jdbc.update("INSERT INTO favorite_companion (member_id, companion_id, favorited_at) VALUES (?, ?, now())",
                    memberId, id("old-" + i));
        }
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            more.add(activeCompanion("more-" + i));
        }
        try (var pool = Executors.newFixedThreadPool(4)) {
            var calls = more.stream().map(c -> (Callable<Integer>) () -> member.put("/api/v1/me/favorites/" + c, null)
                    .status()).toList();
            var statuses = new ArrayList<Integer>();
            for (var result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 201, 422, 422);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM favorite_companion WHERE member_id = ?", Long.class,
                memberId)).isEqualTo(100);
        assertThat(member.put("/api/v1/me/favorites/" + companion, null).code()).isEqualTo("FAVORITES_FULL");
    }

    @Test
    void closingAnAccountErasesTheMembersFavorites() {
        String memberId = id("closing");
        Api member = as("member", memberId);
        assertThat(member.put("/api/v1/me/profile", Map.of("displayName", "Closing", "birthYear", 1950,
                "languages", List.of("en"), "timeZone", "Europe/London")).status()).isEqualTo(201);
        assertThat(member.put("/api/v1/me/favorites/" + activeCompanion("kept"), null).status()).isEqualTo(201);
        assertThat(member.delete("/api/v1/me").status()).isIn(200, 204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM favorite_companion WHERE member_id = ?", Long.class,
                memberId)).isZero();
    }
}
