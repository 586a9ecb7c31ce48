package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.persistence.earnings.EarningsProjection;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The read model's rows and the processor's token commit in one transaction: when a write fails, neither moves,
 * and once the cause is gone every event lands exactly once.
 */
class EarningsProjectionIT extends IntegrationTest {

    @Test
    void aFailedProjectionWriteHoldsTheTokenBackAndIsAppliedOnceAfterwards() throws Exception {
        String companion = "projection-" + UUID.randomUUID();
        var admin = as("admin", "a1");
        admin.post("/api/v1/companions/" + companion + "/earnings", null);
        Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

        // Corrupt the account row so the projection refuses the next entry in Java (out of order), after its
        // entry insert already succeeded in the same transaction.
        jdbc.update("update earnings_account set entry_count = -5 where companion_id = ?", companion);
        try {
            assertThat(admin.withHeader("Idempotency-Key", "p").post("/api/v1/companions/" + companion
                    + "/earnings/corrections", Map.of("coins", 10, "reason", "first")).status()).isEqualTo(201);
            assertThat(admin.withHeader("Idempotency-Key", "q").post("/api/v1/companions/" + companion
                    + "/earnings/corrections", Map.of("coins", 5, "reason", "second")).status()).isEqualTo(201);
            long firstIndex = jdbc.queryForObject("select min(global_index) from domain_event_entry where"
                    + " aggregate_identifier = ? and payload_type = 'earnings.BalanceCorrected'", Long.class,
                    "earnings:" + companion);

            Thread.sleep(2_000);
            assertThat(entries(companion)).as("the entry insert was rolled back with the failure").isZero();
            Long behind = jdbc.queryForObject("select min((convert_from(token, 'UTF8')::jsonb->>'index')::bigint)"
                    + " from token_entry where processor_name = ?", Long.class, EarningsProjection.PROCESSING_GROUP);
            assertThat(behind).as("the token did not move past the failed event").isLessThan(firstIndex);
        } finally {
            jdbc.update("update earnings_account set entry_count = 0 where companion_id = ?", companion);
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> entries(companion) == 2);
        Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);
        assertThat(entries(companion)).isEqualTo(2);
        assertThat(balance(companion)).isEqualTo(15);
        assertThat(admin.get("/api/v1/audit/earnings/" + companion).body().get("mismatches")).isEmpty();
    }

    private long entries(String companion) {
        return jdbc.queryForObject("select count(*) from earnings_entry where companion_id = ?", Long.class,
                companion);
    }

    private long balance(String companion) {
        return jdbc.queryForObject("select balance from earnings_account where companion_id = ?", Long.class,
                companion);
    }
}
