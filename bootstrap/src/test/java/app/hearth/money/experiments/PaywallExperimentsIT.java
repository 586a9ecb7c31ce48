package app.hearth.money.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.money.experiments.PaywallExperiments;
import app.hearth.domain.money.experiments.PaywallExperiment;
import app.hearth.domain.money.experiments.PaywallVariant;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Weighted variants per placement, deterministic and sticky; exposures and purchases give results per variant. */
class PaywallExperimentsIT extends IntegrationTest {

    @Autowired
    PaywallExperiments experiments;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private JsonNode start(Api admin, String placement) {
        var started = admin.post("/api/v1/admin/experiments", Map.of("placement", placement, "name", "Bigger packs",
                "variants", List.of(Map.of("key", "control", "weight", 50, "productIds", List.of("tokens_100")),
                        Map.of("key", "big", "weight", 50, "productIds", List.of("tokens_500", "tokens_100")))));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
        return started.body();
    }

    @Test
    void membersGetAStickyDeterministicVariantAndResultsCountExposuresPurchasesAndRevenue() {
        Api admin = as("admin", "experiments-admin");
        String placement = "out_of_tokens_" + run;
        JsonNode experiment = start(admin, placement);
        String experimentId = experiment.get("experimentId").asString();
        var model = new PaywallExperiment(experimentId, placement, "Bigger packs", List.of(
                new PaywallVariant("control", 50, List.of("tokens_100")),
                new PaywallVariant("big", 50, List.of("tokens_500", "tokens_100"))), true, Instant.now(), null);

        // a member whose variant was recorded before keeps it, whatever the formula says (sticky)
        String someone = "exp-member-" + run + "-0";
        String recorded = model.variantFor(someone).key().equals("big") ? "control" : "big";
        jdbc.update("insert into paywall_assignment (experiment_id, member_id, variant_key, assigned_at) "
                + "values (?, ?, ?, now())", experimentId, someone, recorded);

        Map<String, String> variantOf = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String member = "exp-member-" + run + "-" + i;
            var paywall = as("member", member).get("/api/v1/me/paywall?placement=" + placement);
            assertThat(paywall.status()).isEqualTo(200);
            String variant = paywall.body().get("variant").asString();
            assertThat(variant).isEqualTo(member.equals(someone) ? recorded : model.variantFor(member).key());
            assertThat(as("member", member).get("/api/v1/me/paywall?placement=" + placement).body().get("variant")
                    .asString()).isEqualTo(variant);
            variantOf.put(member, variant);
        }
        assertThat(variantOf.values()).contains("control", "big");

        // purchases: a member in "big" buys tokens_500 (twice delivered), one in "control" buys tokens_100,
        // and a product the member's variant does not show is not counted
        String bigBuyer = variantOf.entrySet().stream().filter(e -> e.getValue().equals("big")).findFirst()
                .orElseThrow().getKey();
        String controlBuyer = variantOf.entrySet().stream().filter(e -> e.getValue().equals("control")).findFirst()
                .orElseThrow().getKey();
        Instant now = Instant.now();
        experiments.purchaseMade(bigBuyer, "tokens_500", 3999, "usd", "STRIPE:in_1:ONE_TIME_PURCHASE", now);
        experiments.purchaseMade(bigBuyer, "tokens_500", 3999, "usd", "STRIPE:in_1:ONE_TIME_PURCHASE", now);
        experiments.purchaseMade(controlBuyer, "tokens_100", 999, "usd", "APP_STORE:2000:ONE_TIME_PURCHASE", now);
        experiments.purchaseMade(controlBuyer, "tokens_500", 3999, "usd", "APP_STORE:2001:ONE_TIME_PURCHASE", now);
        experiments.purchaseMade("never-exposed-" + run, "tokens_100", 999, "usd", "STRIPE:in_9:ONE_TIME_PURCHASE",
                now);

        var results = admin.get("/api/v1/admin/experiments/" + experimentId + "/results");
        assertThat(results.status()).isEqualTo(200);
        Map<String, JsonNode> byVariant = new HashMap<>();
        results.body().get("variants").forEach(variant -> byVariant.put(variant.get("variant").asString(), variant));
        long bigMembers = variantOf.values().stream().filter("big"::equals).count();
        assertThat(byVariant.get("big").get("exposedMembers").asLong()).isEqualTo(bigMembers);
        assertThat(byVariant.get("big").get("purchasingMembers").asLong()).isEqualTo(1);
        assertThat(byVariant.get("big").get("purchases").asLong()).isEqualTo(1);
        assertThat(byVariant.get("big").get("revenueCents").get("usd").asLong()).isEqualTo(3999);
        assertThat(byVariant.get("big").get("conversion").asDouble()).isEqualTo(1.0 / bigMembers);
        assertThat(byVariant.get("control").get("purchases").asLong()).isEqualTo(1);
        assertThat(byVariant.get("control").get("revenueCents").get("usd").asLong()).isEqualTo(999);
        assertThat(byVariant.get("control").get("exposedMembers").asLong()).isEqualTo(40 - bigMembers);

        // one running experiment per placement; once stopped, the placement shows no experiment
        var second = admin.post("/api/v1/admin/experiments", Map.of("placement", placement, "name", "again",
                "variants", List.of(Map.of("key", "a", "weight", 1, "productIds", List.of("tokens_100")))));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("EXPERIMENT_ALREADY_RUNNING");
        assertThat(admin.post("/api/v1/admin/experiments/" + experimentId + "/stop", null).body().get("running")
                .asBoolean()).isFalse();
        var after = as("member", bigBuyer).get("/api/v1/me/paywall?placement=" + placement);
        assertThat(after.body().get("experimentId").isNull()).isTrue();
        assertThat(admin.post("/api/v1/admin/experiments/" + experimentId + "/stop", null).code())
                .isEqualTo("EXPERIMENT_NOT_RUNNING");
    }

    @Test
    void badExperimentsAndMembersAreRefused() {
        Api admin = as("admin", "experiments-admin");
        var badWeight = admin.post("/api/v1/admin/experiments", Map.of("placement", "p_" + run, "name", "n",
                "variants", List.of(Map.of("key", "a", "weight", 0, "productIds", List.of("tokens_100")))));
        assertThat(badWeight.status()).isEqualTo(400);
        assertThat(badWeight.code()).isEqualTo("INVALID_EXPERIMENT");
        assertThat(badWeight.body().get("field").asString()).isEqualTo("variants.weight");
        var noVariants = admin.post("/api/v1/admin/experiments", Map.of("placement", "p_" + run, "name", "n"));
        assertThat(noVariants.status()).isEqualTo(400);
        assertThat(as("member", "m-" + run).post("/api/v1/admin/experiments", Map.of()).status()).isEqualTo(403);
        assertThat(as("member", "m-" + run).get("/api/v1/me/paywall").code()).isEqualTo("PARAMETER_REQUIRED");
        assertThat(admin.get("/api/v1/admin/experiments/nope/results").code()).isEqualTo("EXPERIMENT_NOT_FOUND");
    }
}
