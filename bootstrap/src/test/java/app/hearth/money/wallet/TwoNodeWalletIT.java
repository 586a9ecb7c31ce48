package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reliability test #5: no overdraft under concurrency. Two application nodes on one database, each with its own
 * aggregate cache, spend 1 token 100 times concurrently from a balance of 50: exactly 50 spends succeed, the
 * balance is never below 0, and the wallet's event sequence has no gaps.
 */
class TwoNodeWalletIT extends IntegrationTest {

    @Autowired
    WalletCommandBus nodeA;
    @Autowired
    WalletHistory history;

    @Test
    void aHundredConcurrentSpendsOfOneAgainstFiftyAcrossTwoNodesSucceedExactlyFiftyTimes() throws Exception {
        try (var secondNode = HearthNode.onTestDatabase().start()) {
            WalletCommandBus nodeB = secondNode.bean(WalletCommandBus.class);
            String member = "two-nodes-" + UUID.randomUUID();
            Instant t = Instant.parse("2026-11-24T12:00:00Z");
            nodeA.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", t));
            nodeB.send(new WalletCommand.GrantTokens(member, "fifty", 50, "test balance", "admin:test", t));
            // warm both nodes' caches so that each decides on its cached copy and must lose races to be right
            nodeA.send(new WalletCommand.ChangeTimeZone(member, "warm-a", "UTC", t));
            nodeB.send(new WalletCommand.ChangeTimeZone(member, "warm-b", "UTC", t));

            // the balance as the event store says while the spends run: never below zero
            var lowest = new AtomicLong(Long.MAX_VALUE);
            var running = new AtomicBoolean(true);
            var watcher = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    Wallet state = WalletDecider.replay(history.history(member));
                    lowest.accumulateAndGet(((Wallet.Open) state).tokenBalance(), Math::min);
                }
            });

            var outcomes = new ConcurrentHashMap<String, Integer>();
            var start = new CountDownLatch(1);
            var tasks = new ArrayList<Callable<Void>>();
            for (int i = 0; i < 100; i++) {
                WalletCommandBus node = i % 2 == 0 ? nodeA : nodeB;
                var spend = new WalletCommand.ChargeMessage(member, "spend-" + i, "companion-1", 1, t.plusSeconds(i));
                tasks.add(() -> {
                    start.await();
                    try {
                        node.send(spend);
                        outcomes.merge("spent", 1, Integer::sum);
                    } catch (RuleViolation refused) {
                        outcomes.merge(refused.code(), 1, Integer::sum);
                    }
                    return null;
                });
            }
            try (var pool = Executors.newFixedThreadPool(32)) {
                var futures = new ArrayList<java.util.concurrent.Future<Void>>();
                for (var task : tasks) {
                    futures.add(pool.submit(task));
                }
                start.countDown();
                for (var future : futures) {
                    future.get();
                }
            } finally {
                running.set(false);
                watcher.join();
            }

            assertThat(outcomes).isEqualTo(Map.of("spent", 50, WalletDecider.INSUFFICIENT_BALANCE, 50));
            assertThat(lowest.get()).isGreaterThanOrEqualTo(0);
            var state = (Wallet.Open) WalletDecider.replay(history.history(member));
            assertThat(state.tokenBalance()).isZero();

            // open, grant, two time-zone commands that changed nothing, 50 spends: sequence 0..51 without gaps
            List<Long> sequences = jdbc.queryForList("select sequence_number from domain_event_entry where"
                    + " aggregate_identifier = ? order by sequence_number", Long.class, "wallet:" + member);
            assertThat(sequences).hasSize(52);
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(i);
            }
            Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
            assertThat(jdbc.queryForObject("select min(balance_after) from wallet_movement where member_id = ?",
                    Long.class, member)).isZero();
            assertThat(jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class,
                    member)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from wallet_movement where member_id = ? and kind = ?",
                    Long.class, member, "MESSAGE_CHARGED")).isEqualTo(50);
        }
    }
}
