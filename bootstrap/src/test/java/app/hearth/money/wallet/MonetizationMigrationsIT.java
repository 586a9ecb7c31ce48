package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Point 8 of the money issue: a cohort moves between versions; a dry run moves nothing; a repeat moves nothing. */
class MonetizationMigrationsIT extends IntegrationTest {

    @Autowired
    Wallets wallets;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, Object> migration(String id, List<String> members, boolean dryRun) {
        return Map.of("migrationId", id, "memberIds", members, "from", "v1", "to", "v3", "dryRun", dryRun,
                "rule", Map.of("ruleId", "tokens-to-moments-10", "fromUnits", 10, "toUnits", 1,
                        "momentMinutes", 20, "validForDays", 90));
    }

    private Map<String, JsonNode> byMember(JsonNode report) {
        var lines = new HashMap<String, JsonNode>();
        report.get("members").forEach(line -> lines.put(line.get("memberId").asString(), line));
        return lines;
    }

    private long eventsOf(String member) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, "wallet:" + member);
    }

    @Test
    void aCohortDryRunReportsPerMemberAndARealRunRecordsBothSidesOnce() {
        Api admin = as("admin", "migrations-admin");
        String ada = "mig-ada-" + run;
        String bo = "mig-bo-" + run;
        String onV3 = "mig-v3-" + run;
        Actor boss = new Actor("migrations-admin", Role.ADMIN);
        wallets.grant(boss, ada, "grant-" + ada, 95, "welcome");
        wallets.grant(boss, bo, "grant-" + bo, 10, "welcome");
        wallets.migrate(boss, onV3, "earlier-" + onV3, app.hearth.domain.money.catalog.MonetizationVersion.V3_MOMENTS,
                new app.hearth.domain.money.wallet.ConversionRule("r", 10, 1, 1200, 86_400), false);
        long adaEvents = eventsOf(ada);

        var dry = admin.post("/api/v1/admin/monetization-migrations", migration("cohort-" + run,
                List.of(ada, bo, onV3), true));
        assertThat(dry.status()).as(dry.raw().body()).isEqualTo(200);
        var dryLines = byMember(dry.body());
        assertThat(dryLines.get(ada).get("status").asString()).isEqualTo("would_migrate");
        assertThat(dryLines.get(ada).get("movements").toString()).contains("95").contains("10");
        assertThat(dryLines.get(onV3).get("status").asString()).isEqualTo("already_migrated");
        assertThat(eventsOf(ada)).isEqualTo(adaEvents);
        assertThat(as("member", ada).get("/api/v1/me/wallet").body().get("version").asString()).isEqualTo("v1");

        var real = admin.post("/api/v1/admin/monetization-migrations", migration("cohort-" + run,
                List.of(ada, bo, onV3), false));
        var lines = byMember(real.body());
        assertThat(lines.get(ada).get("status").asString()).isEqualTo("migrated");
        assertThat(lines.get(bo).get("status").asString()).isEqualTo("migrated");
        JsonNode wallet = as("member", ada).get("/api/v1/me/wallet").body();
        assertThat(wallet.get("version").asString()).isEqualTo("v3");
        assertThat(wallet.toString()).contains("\"momentsLeft\":10"); // 95 tokens -> 10 moments, rounded up
        long afterFirst = eventsOf(ada);
        assertThat(afterFirst).isGreaterThan(adaEvents);

        var again = admin.post("/api/v1/admin/monetization-migrations", migration("cohort-" + run,
                List.of(ada, bo), false));
        assertThat(byMember(again.body()).get(ada).get("status").asString()).isEqualTo("already_migrated");
        assertThat(eventsOf(ada)).isEqualTo(afterFirst);

        var bad = admin.post("/api/v1/admin/monetization-migrations", Map.of("migrationId", "x",
                "memberIds", List.of(), "from", "v1", "to", "v3", "rule", Map.of("ruleId", "r", "fromUnits", 1,
                        "toUnits", 1)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("INVALID_COHORT");
        assertThat(as("supervisor", "mig-sup-" + run).post("/api/v1/admin/monetization-migrations",
                migration("m", List.of(ada), true)).status()).isEqualTo(403);
    }
}
