package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EntryReceipt;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two application nodes on one database credit the same accounts, each with its own aggregate cache: a node
 * whose cached account is stale loses the append race, reloads and retries, so every credit counts exactly once.
 */
class TwoNodeEarningsIT extends IntegrationTest {

    @Autowired
    EarningsLedger nodeA;

    @Test
    void creditsFromTwoNodesOnOneAccountEachCountOnce() throws Exception {
        try (var secondNode = HearthNode.onTestDatabase().start()) {
            EarningsLedger nodeB = secondNode.bean(EarningsLedger.class);
            String companion = "two-nodes-" + UUID.randomUUID();
            nodeA.open(new Actor("admin-1", Role.ADMIN), companion);

            // Warm both caches, then alternate and race: each node's cached copy goes stale again and again.
            var tasks = new ArrayList<Callable<EntryReceipt>>();
            for (int i = 0; i < 60; i++) {
                EarningsLedger node = i % 2 == 0 ? nodeA : nodeB;
                String source = "message:" + i;
                tasks.add(() -> node.credit(new EarningsLedger.ActivityCredit(companion, source,
                        ActivityKind.CHAT_MESSAGE, 1, Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC, null,
                        "chat")));
            }
            // The same 60 sources again from the other node: retries that must change nothing.
            for (int i = 0; i < 60; i++) {
                EarningsLedger node = i % 2 == 0 ? nodeB : nodeA;
                String source = "message:" + i;
                tasks.add(() -> node.credit(new EarningsLedger.ActivityCredit(companion, source,
                        ActivityKind.CHAT_MESSAGE, 1, Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC, null,
                        "chat")));
            }
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (var future : pool.invokeAll(tasks)) {
                    future.get();
                }
            }

            Long events = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    Long.class, "earnings:" + companion);
            assertThat(events).isEqualTo(1 + 60);
            var sequences = jdbc.queryForList("select sequence_number from domain_event_entry where"
                    + " aggregate_identifier = ? order by sequence_number", Long.class, "earnings:" + companion);
            assertThat(sequences).hasSize(61).first().isEqualTo(0L);
            assertThat(sequences.getLast()).isEqualTo(60L);
            Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);
            var audit = as("admin", "auditor").get("/api/v1/audit/earnings/" + companion).body();
            assertThat(audit.get("mismatches")).isEmpty();
            assertThat(audit.get("balance").asLong()).isEqualTo(60 * 2);
        }
    }
}
