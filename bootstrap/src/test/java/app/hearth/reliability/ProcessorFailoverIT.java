package app.hearth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.access.jooq.LedgerStaffActionsProjection;
import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.HearthNode;
import app.hearth.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reliability test #10, first part: processor failover. Two nodes share a database of their own: a Hearth in this
 * JVM (A) and a second Hearth in a JVM of its own (B, started from the same class path). No other application
 * context of the test run touches that database, so A and B are the only nodes that can claim its segments.
 * <ol>
 *   <li>Graceful stop: A's event processors shut down as when A stops (they release their claims); B claims every
 *       projection segment, and events appended after the stop reach every read model within 20 s.</li>
 *   <li>Crash: A's processors run again (B holds the claims, A keeps trying), then B's JVM is killed (SIGKILL): it
 *       releases nothing, its claims stay in {@code token_entry} until {@code hearth.projections.claim-timeout}
 *       (10 s) has passed; A takes them over, and events appended after the kill reach every read model within
 *       20 s.</li>
 * </ol>
 */
class ProcessorFailoverIT {

    static final Duration RESUME_WITHIN = Duration.ofSeconds(20);
    static final List<String> PROCESSORS = List.of(WalletProjection.PROCESSING_GROUP,
            EarningsProjection.PROCESSING_GROUP, LedgerStaffActionsProjection.PROCESSING_GROUP);
    static final Instant T = Instant.parse("2026-11-25T16:00:00Z");
    static final String DATABASE = TestDatabase.another("failover");

    JdbcTemplate jdbc;
    EventProcessingConfiguration processing;
    WalletCommandBus wallets;
    EarningsLedger earnings;

    @Test
    void projectionSegmentsResumeOnTheOtherNodeWithin20SecondsAfterAGracefulStopAndAfterAKill() throws Exception {
        try (var nodeA = HearthNode.on(DATABASE).start()) {
            jdbc = nodeA.bean(JdbcTemplate.class);
            processing = nodeA.bean(EventProcessingConfiguration.class);
            wallets = nodeA.bean(WalletCommandBus.class);
            earnings = nodeA.bean(EarningsLedger.class);
            failOverAndBack();
        }
    }

    private void failOverAndBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("failover-" + run, Role.ADMIN);
        String member = "failover-" + run;
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", T));
        earnings.open(admin, member);
        await().atMost(Duration.ofSeconds(30)).until(() -> owners().size() == PROCESSORS.size()
                && owners().values().stream().distinct().count() == 1);
        String nodeA = owners().values().iterator().next();

        Path log = Path.of("target", "ProcessorFailoverIT-node-b-" + run + ".log");
        Process nodeB = startNodeB(log);
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> started(nodeB, log));

            // 1. A stops gracefully: B takes every segment over.
            long stoppedAt = System.nanoTime();
            PROCESSORS.forEach(name -> processor(name).shutDown());
            append(admin, member, "after-graceful-stop");
            await().atMost(RESUME_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> projected(member, "after-graceful-stop"));
            Duration graceful = Duration.ofNanos(System.nanoTime() - stoppedAt);
            Map<String, String> afterStop = owners();
            assertThat(afterStop.keySet()).containsExactlyInAnyOrderElementsOf(PROCESSORS);
            assertThat(afterStop.values()).as("B owns every segment").doesNotContain(nodeA).doesNotContainNull();
            String nodeBId = afterStop.values().iterator().next();
            assertThat(afterStop.values()).containsOnly(nodeBId);

            // 2. A runs again; B is killed without releasing anything: A takes the segments over once B's claims
            // have not been renewed for the claim timeout.
            PROCESSORS.forEach(name -> processor(name).start());
            append(admin, member, "b-still-alive");
            await().atMost(RESUME_WITHIN).until(() -> projected(member, "b-still-alive"));
            assertThat(owners().values()).as("B keeps its claims while alive").containsOnly(nodeBId);

            long killedAt = System.nanoTime();
            nodeB.destroyForcibly();
            assertThat(nodeB.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(owners().values()).as("a killed node leaves its claims behind").containsOnly(nodeBId);
            append(admin, member, "after-kill");
            await().atMost(RESUME_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> projected(member, "after-kill"));
            Duration crash = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(owners().values()).as("A owns every segment again").containsOnly(nodeA);

            System.out.printf("ProcessorFailoverIT: segments resumed on B %.1f s after A stopped gracefully, on A"
                    + " %.1f s after B was killed%n", graceful.toMillis() / 1e3, crash.toMillis() / 1e3);
            assertThat(graceful).isLessThan(RESUME_WITHIN);
            assertThat(crash).isLessThan(RESUME_WITHIN);
        } finally {
            nodeB.destroyForcibly();
        }
    }

    /** Hearth without a web server in a JVM of its own, on this test's database, its log in {@code log}. */
    private static Process startNodeB(Path log) throws IOException {
        return HearthNode.on(DATABASE).with("--logging.level.app.hearth.bootstrap=info",
                "--logging.level.org.axonframework.eventhandling.TrackingEventProcessor=info").startInOwnJvm(log);
    }

    private static boolean started(Process node, Path log) throws IOException {
        assertThat(node.isAlive()).as("node B is running (see %s)", log.toAbsolutePath()).isTrue();
        return Files.exists(log) && Files.readString(log).contains("Started HearthApplication");
    }

    private TrackingEventProcessor processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
    }

    /** A wallet grant and an earnings correction: events for all three projections. */
    private void append(Actor admin, String member, String key) {
        wallets.send(new WalletCommand.GrantTokens(member, key, 1, "failover test", "admin:test", T));
        earnings.correct(admin, member, key, 1, key);
    }

    /** Whether the events appended under {@code key} are in all three read models. */
    private boolean projected(String member, String key) {
        return jdbc.queryForObject("select (select count(*) from wallet_movement where member_id = ? and movement_id = ?)"
                + " + (select count(*) from earnings_entry where companion_id = ? and reason = ?)"
                + " + (select count(*) from staff_action where subject = ? and reason = ?)", Long.class,
                member, "grant:" + key, member, key, member, key) == 3;
    }

    /** The owner of each projection processor's segment. */
    private Map<String, String> owners() {
        Set<String> names = Set.copyOf(PROCESSORS);
        return jdbc.queryForList("select processor_name, owner from token_entry where owner is not null")
                .stream().filter(row -> names.contains((String) row.get("processor_name")))
                .collect(Collectors.toMap(row -> (String) row.get("processor_name"), row -> (String) row.get("owner")));
    }
}
