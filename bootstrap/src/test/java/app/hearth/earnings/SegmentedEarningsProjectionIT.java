package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.application.earnings.EarningsAudit;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.HearthNode;
import app.hearth.support.Projections;
import app.hearth.support.TestDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code hearth.projections.segments.earnings-read-model=2} (ADR 0044): the group's tokens are created with two
 * segments and this node runs both; accounts credited at once from several threads are projected with every entry
 * exactly once and in order per account, live and again after a reset replays the store through both segments; a
 * group without an entry keeps one segment.
 */
class SegmentedEarningsProjectionIT {

    private static final int ACCOUNTS = 8;
    private static final int CREDITS = 6;

    @Test
    void twoSegmentsProjectEveryEventOnceInOrderPerAccountLiveAndOnReplay() throws Exception {
        String database = TestDatabase.another("segments");
        try (var node = HearthNode.on(database)
                .with("--hearth.projections.segments." + EarningsProjection.PROCESSING_GROUP + "=2").start()) {
            JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
            EarningsLedger ledger = node.bean(EarningsLedger.class);
            List<String> ids = IntStream.range(0, ACCOUNTS).mapToObj(i -> "segmented-" + i).toList();
            ids.forEach(id -> ledger.open(new Actor("segments-admin", Role.ADMIN), id));
            try (var threads = Executors.newFixedThreadPool(4)) {
                var credits = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (String id : ids) {
                    credits.add(threads.submit(() -> {
                        for (int call = 1; call <= CREDITS; call++) {
                            ledger.credit(new EarningsLedger.ActivityCredit(id, "call:" + call,
                                    ActivityKind.AUDIO_CALL_MINUTE, call, Instant.parse("2026-11-24T12:00:00Z"),
                                    ZoneOffset.UTC, null, "calls"));
                        }
                        return null;
                    }));
                }
                for (var credit : credits) {
                    credit.get();
                }
            }
            Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

            assertThat(jdbc.queryForList("select segment from token_entry where processor_name = ? order by segment",
                    Integer.class, EarningsProjection.PROCESSING_GROUP)).containsExactly(0, 1);
            assertThat(jdbc.queryForList("select processor_name from token_entry group by processor_name"
                    + " having count(*) <> 1", String.class)).containsExactly(EarningsProjection.PROCESSING_GROUP);
            var processor = node.bean(EventProcessingConfiguration.class)
                    .eventProcessor(EarningsProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
            assertThat(processor.processingStatus()).containsOnlyKeys(0, 1);
            assertProjectedOnceInOrder(jdbc, node.bean(EarningsAudit.class), ids);
            var live = jdbc.queryForList("select * from earnings_entry order by companion_id, position");

            processor.shutDown();
            processor.resetTokens(); // the reset handler empties the read model
            processor.start();
            Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);
            assertThat(processor.processingStatus()).containsOnlyKeys(0, 1);
            assertProjectedOnceInOrder(jdbc, node.bean(EarningsAudit.class), ids);
            assertThat(jdbc.queryForList("select * from earnings_entry order by companion_id, position"))
                    .isEqualTo(live);
        }
    }

    private static void assertProjectedOnceInOrder(JdbcTemplate jdbc, EarningsAudit audit, List<String> ids) {
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry", Long.class)).isZero();
        for (String id : ids) {
            List<Map<String, Object>> entries = jdbc.queryForList("select position, balance_after from earnings_entry"
                    + " where companion_id = ? order by position", id);
            assertThat(entries).extracting(row -> ((Number) row.get("position")).longValue())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(jdbc.queryForObject("select entry_count from earnings_account where companion_id = ?",
                    Long.class, id)).isEqualTo(CREDITS);
            // hash chains, balances and every entry compared with the events
            assertThat(audit.audit(id).mismatches()).as(id).isEmpty();
        }
    }
}
