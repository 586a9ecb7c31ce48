package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.adapters.shared.axon.processing.DeadLetterRetry;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read model's rows and the processor's token commit in one transaction, and a write that fails for one event
 * holds back only that account (ADR 0024): the event is dead-lettered with its cause, the account's later events
 * queue behind it, other accounts go on, and once the cause is gone every held event lands exactly once.
 */
class EarningsProjectionIT extends IntegrationTest {

    @Autowired
    DeadLetterRetry deadLetters;

    @Test
    void aWriteTheProjectionRefusesParksItsAccountAloneAndIsAppliedOnceAfterTheCauseIsGone() {
        String companion = "projection-" + UUID.randomUUID();
        String other = "projection-other-" + UUID.randomUUID();
        var admin = as("admin", "a1");
        admin.post("/api/v1/companions/" + companion + "/earnings", null);
        admin.post("/api/v1/companions/" + other + "/earnings", null);
        Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

        // Corrupt the account row so the projection refuses the next entry in Java (out of order), after its
        // entry insert already succeeded in the same transaction.
        jdbc.update("update earnings_account set entry_count = -5 where companion_id = ?", companion);
        try {
            assertThat(admin.withHeader("Idempotency-Key", "p").post("/api/v1/companions/" + companion
                    + "/earnings/corrections", Map.of("coins", 10, "reason", "first")).status()).isEqualTo(201);
            assertThat(admin.withHeader("Idempotency-Key", "q").post("/api/v1/companions/" + companion
                    + "/earnings/corrections", Map.of("coins", 5, "reason", "second")).status()).isEqualTo(201);
            assertThat(admin.withHeader("Idempotency-Key", "r").post("/api/v1/companions/" + other
                    + "/earnings/corrections", Map.of("coins", 7, "reason", "other")).status()).isEqualTo(201);
            Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

            assertThat(entries(companion)).as("the entry insert was rolled back with the failure").isZero();
            assertThat(entries(other)).as("another account went on").isEqualTo(1);
            var letters = jdbc.queryForList("select payload_type, cause_message from dead_letter_entry where"
                    + " processing_group = ? and sequence_identifier = ? order by sequence_index",
                    EarningsProjection.PROCESSING_GROUP, "earnings:" + companion);
            assertThat(letters).extracting(letter -> letter.get("payload_type"))
                    .containsExactly("earnings.BalanceCorrected", "earnings.BalanceCorrected");
            assertThat((String) letters.getFirst().get("cause_message")).contains("out of order");
        } finally {
            jdbc.update("update earnings_account set entry_count = 0 where companion_id = ?", companion);
        }

        assertThat(deadLetters.retry(EarningsProjection.PROCESSING_GROUP)).isEqualTo(1);
        assertThat(entries(companion)).isEqualTo(2);
        assertThat(balance(companion)).isEqualTo(15);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier = ?",
                Long.class, "earnings:" + companion)).isZero();
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
