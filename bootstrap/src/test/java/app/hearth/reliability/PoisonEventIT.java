package app.hearth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.access.jooq.LedgerStaffActionsProjection;
import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.adapters.shared.axon.processing.DeadLetterRetry;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reliability test #10, third part: a poison event holds back only its own aggregate. A read-model constraint,
 * added by the test for one marked movement or reason, makes a projection fail permanently on one event. That event
 * is dead-lettered (in {@code dead_letter_entry}, with its cause), the later events of the same aggregate queue
 * behind it in order, and the events of every other aggregate still reach the read model: the processor's token
 * passes them all. Once the constraint is gone, the dead-letter retry applies the held events, in order, once.
 * Two kinds of projection: one that writes a whole batch just before it commits (wallets: the failure shows at the
 * flush, after the handler returned) and one that writes as it handles (the staff audit trail: the failure aborts
 * the PostgreSQL transaction inside the handler).
 */
class PoisonEventIT extends IntegrationTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Autowired
    WalletCommandBus wallets;
    @Autowired
    DeadLetterRetry deadLetters;

    @Test
    void aWalletMovementTheReadModelRefusesHoldsBackThatWalletAlone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poisoned = "poisoned-" + run;
        String healthy = "healthy-" + run;
        String late = "late-" + run;
        open(poisoned);
        open(healthy);
        grant(poisoned, "before-" + run, 1);
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);

        String constraint = "test_poison_" + run.replace('-', '_');
        jdbc.execute("alter table wallet_movement add constraint " + constraint
                + " check (movement_id <> 'grant:poison-" + run + "') not valid");
        try {
            grant(poisoned, "poison-" + run, 10);
            grant(poisoned, "after-1-" + run, 5);
            for (int i = 0; i < 5; i++) {
                grant(healthy, "healthy-" + i + "-" + run, 1);
            }
            open(late);
            grant(late, "late-" + run, 3);
            grant(poisoned, "after-2-" + run, 5);
            Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);

            // every other wallet went on
            assertThat(movements(healthy)).isEqualTo(5);
            assertThat(tokenBalance(healthy)).isEqualTo(5);
            assertThat(movements(late)).isEqualTo(1);
            assertThat(tokenBalance(late)).isEqualTo(3);
            // the poisoned wallet stands at the movement before the poison
            assertThat(movements(poisoned)).isEqualTo(1);
            assertThat(tokenBalance(poisoned)).isEqualTo(1);
            // the poison and the two events after it wait in order, the poison with its cause
            List<Map<String, Object>> letters = deadLetters(WalletProjection.PROCESSING_GROUP, "wallet:" + poisoned);
            assertThat(letters).extracting(letter -> letter.get("event_identifier"))
                    .containsExactlyElementsOf(eventIds("wallet:" + poisoned, 2));
            assertThat((String) letters.getFirst().get("cause_message")).contains(constraint);
            assertThat(letters.subList(1, 3)).allSatisfy(letter -> assertThat(letter.get("cause_message")).isNull());
            assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ? and"
                    + " sequence_identifier <> ? and sequence_identifier like ?", Long.class,
                    WalletProjection.PROCESSING_GROUP, "wallet:" + poisoned, "%" + run)).isZero();
        } finally {
            jdbc.execute("alter table wallet_movement drop constraint " + constraint);
        }

        // the cause is gone: the held events are applied once, in order
        assertThat(deadLetters.retry(WalletProjection.PROCESSING_GROUP)).isEqualTo(1);
        assertThat(movements(poisoned)).isEqualTo(4);
        assertThat(tokenBalance(poisoned)).isEqualTo(21);
        assertThat(deadLetters(WalletProjection.PROCESSING_GROUP, "wallet:" + poisoned)).isEmpty();
    }

    @Test
    void aStaffActionTheTrailRefusesHoldsBackThatAccountAloneAndOnlyInTheTrail() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poisoned = "trail-poisoned-" + run;
        String healthy = "trail-healthy-" + run;
        Api admin = as("admin", "admin-" + run);
        assertThat(admin.post("/api/v1/companions/" + poisoned + "/earnings", null).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/companions/" + healthy + "/earnings", null).status()).isEqualTo(201);
        Projections.awaitCaughtUp(jdbc, LedgerStaffActionsProjection.PROCESSING_GROUP);

        String constraint = "test_poison_" + run.replace('-', '_');
        jdbc.execute("alter table staff_action add constraint " + constraint + " check (reason <> 'poison-" + run
                + "') not valid");
        try {
            correct(admin, poisoned, "p-" + run, 10, "poison-" + run);
            correct(admin, poisoned, "q-" + run, 5, "after the poison");
            correct(admin, healthy, "r-" + run, 7, "a healthy correction");
            Projections.awaitCaughtUp(jdbc, LedgerStaffActionsProjection.PROCESSING_GROUP);
            Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

            assertThat(staffActions(healthy)).isEqualTo(1);
            assertThat(staffActions(poisoned)).isZero();
            assertThat(deadLetters(LedgerStaffActionsProjection.PROCESSING_GROUP, "earnings:" + poisoned))
                    .extracting(letter -> letter.get("event_identifier"))
                    .containsExactlyElementsOf(eventIds("earnings:" + poisoned, 1));
            // another processing group, the earnings read model, took both entries: the poison is the trail's alone
            assertThat(jdbc.queryForObject("select count(*) from earnings_entry where companion_id = ?", Long.class,
                    poisoned)).isEqualTo(2);
        } finally {
            jdbc.execute("alter table staff_action drop constraint " + constraint);
        }

        assertThat(deadLetters.retry(LedgerStaffActionsProjection.PROCESSING_GROUP)).isEqualTo(1);
        assertThat(staffActions(poisoned)).isEqualTo(2);
        assertThat(deadLetters(LedgerStaffActionsProjection.PROCESSING_GROUP, "earnings:" + poisoned)).isEmpty();
    }

    private void open(String member) {
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", T));
    }

    private void grant(String member, String grantId, long tokens) {
        wallets.send(new WalletCommand.GrantTokens(member, grantId, tokens, "test grant", "admin:test", T));
    }

    private static void correct(Api admin, String companion, String key, long coins, String reason) {
        assertThat(admin.withHeader("Idempotency-Key", key).post("/api/v1/companions/" + companion
                + "/earnings/corrections", Map.of("coins", coins, "reason", reason)).status()).isEqualTo(201);
    }

    private long movements(String member) {
        return jdbc.queryForObject("select count(*) from wallet_movement where member_id = ?", Long.class, member);
    }

    private long tokenBalance(String member) {
        return jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class, member);
    }

    private long staffActions(String companion) {
        return jdbc.queryForObject("select count(*) from staff_action where subject = ? and kind = 'LEDGER_CORRECTED'",
                Long.class, companion);
    }

    private List<Map<String, Object>> deadLetters(String group, String sequence) {
        return jdbc.queryForList("select event_identifier, cause_type, cause_message from dead_letter_entry"
                + " where processing_group = ? and sequence_identifier = ? order by sequence_index", group, sequence);
    }

    /** The event ids of an aggregate's events from sequence number {@code from} on, in order. */
    private List<Object> eventIds(String aggregate, long from) {
        return jdbc.queryForList("select event_identifier from domain_event_entry where aggregate_identifier = ?"
                + " and sequence_number >= ? order by sequence_number", Object.class, aggregate, from);
    }
}
