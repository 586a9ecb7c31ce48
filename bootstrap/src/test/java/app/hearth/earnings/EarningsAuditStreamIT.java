package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.application.earnings.EarningsAudit;
import app.hearth.application.earnings.EarningsAuditService;
import app.hearth.application.earnings.EarningsEventHistory;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EarningsReadModel;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole-store audit as it streams (one query over the events, accounts audited on several threads, batches
 * as small as one account so they overtake one another) on the real PostgreSQL: among clean accounts, each
 * tampering planted in the middle is named on its own account, progress and failures come in account order, and
 * the count of accounts and entries is exact.
 */
class EarningsAuditStreamIT extends IntegrationTest {

    @Autowired
    EarningsLedger ledger;
    @Autowired
    EarningsEventHistory history;
    @Autowired
    EarningsReadModel readModel;

    @Test
    void everyPlantedTamperingIsNamedOnItsOwnAccountAndTheReportStaysInAccountOrder() {
        String run = "stream-" + System.nanoTime() + "-";
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g").stream().map(name -> run + name).toList();
        var admin = new Actor("auditor-admin", Role.ADMIN);
        for (String companion : ids) {
            ledger.open(admin, companion);
            for (int call = 1; call <= 4; call++) {
                ledger.credit(new EarningsLedger.ActivityCredit(companion, "call:" + call,
                        ActivityKind.AUDIO_CALL_MINUTE, 10L * call, Instant.parse("2026-11-24T12:00:00Z"),
                        ZoneOffset.UTC, null, "calls"));
            }
        }
        Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);
        var clean = audit(run);
        assertThat(clean.failed()).isEmpty();
        assertThat(clean.progress()).containsExactlyElementsOf(ids);
        assertThat(clean.entries()).isEqualTo(7 * 4);

        // b: a stored event's coins changed; d: its third credit deleted from the store; f: the read model's entry
        // changed; and an account only the read model knows
        assertThat(jdbc.update("update domain_event_entry set payload = convert_to(replace(convert_from(payload,"
                + " 'UTF8'), '\"coins\":200,', '\"coins\":2000,'), 'UTF8') where aggregate_identifier = ?"
                + " and sequence_number = 2", "earnings:" + ids.get(1))).isEqualTo(1);
        assertThat(jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = 3",
                "earnings:" + ids.get(3))).isEqualTo(1);
        assertThat(jdbc.update("update earnings_entry set coins = 31 where companion_id = ? and position = 3",
                ids.get(5))).isEqualTo(1);
        String ghost = run + "dd";
        jdbc.update("insert into earnings_account (companion_id, balance, lifetime_earned, lifetime_penalties,"
                + " entry_count, last_hash, opened_at, updated_at) values (?, 0, 0, 0, 0, 'x', now(), now())", ghost);

        Seen tampered;
        try {
            tampered = audit(run);
        } finally { // the test database is shared: every audit after this one must find it clean again
            jdbc.update("delete from earnings_entry where companion_id like ?", run + "%");
            jdbc.update("delete from earnings_account where companion_id like ?", run + "%");
            jdbc.update("delete from domain_event_entry where aggregate_identifier like ?", "earnings:" + run + "%");
        }
        assertThat(tampered.failed().keySet()).containsExactly(ids.get(1), ids.get(3), ghost, ids.get(5));
        assertThat(tampered.failed().get(ids.get(1))).anyMatch(m -> m.contains("hash does not match"));
        assertThat(tampered.failed().get(ids.get(3))).anyMatch(m -> m.contains("does not chain"));
        assertThat(tampered.failed().get(ghost)).contains("the event store holds no events for this account");
        assertThat(tampered.failed().get(ids.get(5))).anyMatch(m -> m.contains("differs from event"));
        // the ghost account only the read model knows comes after those of the store
        var expected = new ArrayList<>(ids);
        expected.add(ghost);
        assertThat(tampered.progress()).containsExactlyElementsOf(expected);
        assertThat(tampered.entries()).isEqualTo(7 * 4 - 1);
    }

    /** What an audit of the whole store said about this run's accounts. */
    record Seen(List<String> progress, Map<String, List<String>> failed, long entries) {
    }

    private Seen audit(String run) {
        var progress = Collections.synchronizedList(new ArrayList<String>());
        var entries = new long[1];
        EarningsAudit.Report report = new EarningsAuditService(history, readModel, 1).auditAll(account -> {
            if (account.companionId().startsWith(run)) {
                progress.add(account.companionId());
                entries[0] += account.entries();
            }
        });
        var failed = report.failedAccounts().stream()
                .filter(account -> account.companionId().startsWith(run))
                .collect(Collectors.toMap(EarningsAudit.AccountReport::companionId,
                        EarningsAudit.AccountReport::mismatches, (a, b) -> a, java.util.LinkedHashMap::new));
        return new Seen(List.copyOf(progress), failed, entries[0]);
    }
}
