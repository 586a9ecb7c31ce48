package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.Movement;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The failure of ADR 0018, kept as a test (ADR 0042): wallets are cached again, and a command never builds on another
 * command's uncommitted movement. Command 1 runs inside a caller's Spring transaction that stays open; command 2 on the
 * same wallet runs meanwhile on another thread. Command 2 does not see command 1's movement: it decides on the
 * committed wallet, its append waits on command 1's row for the same sequence, and it either takes that sequence
 * (command 1 rolled back: the wallet holds command 2 only) or meets a conflict and is retried on the committed state
 * (command 1 committed: both, in order). The wallet was cached before both, so a cache showing uncommitted state
 * would fail here (checked with Axon's plain cache: command 2 then charged on top of the rolled-back movement).
 */
class CommittedWalletCacheIT extends IntegrationTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    Transactions transactions;
    @Autowired
    WalletCommandBus wallets;
    @Autowired
    WalletHistory history;
    @Autowired
    @Qualifier("walletCache")
    Cache walletCache;

    /** Two threads of its own: the common pool may have one only, which command 1 holds while it waits. */
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A V1 wallet with 100 tokens, committed and used once since, so it sits in this node's cache. */
    private String cachedWallet() {
        String member = "cached-" + UUID.randomUUID();
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", T));
        wallets.send(new WalletCommand.GrantTokens(member, "start", 100, "cache test", "admin:test", T));
        wallets.send(message(member, "warm-up", 0));
        return member;
    }

    private static WalletCommand.ChargeMessage message(String member, String id, long tokens) {
        return new WalletCommand.ChargeMessage(member, id, "companion-1", tokens, T);
    }

    /** Whether a session of this database waits for a lock (command 2's append, on command 1's row). */
    private boolean someoneWaitsForALock() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database() "
                + "and wait_event_type = 'Lock'", Integer.class) > 0;
    }

    /** Runs command 1 in a transaction held open until {@code end} is counted down, then ends it as {@code commit}. */
    private CompletableFuture<Void> heldOpen(String member, CountDownLatch sent, CountDownLatch end, boolean commit) {
        return CompletableFuture.runAsync(() -> transactions.run(() -> {
            wallets.send(message(member, "command-1", 10));
            sent.countDown();
            try {
                end.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!commit) {
                throw new IllegalStateException("the caller of command 1 fails: its transaction rolls back");
            }
        }), threads);
    }

    private List<Long> sequences(String member) {
        return jdbc.queryForList("select sequence_number from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", Long.class, "wallet:" + member);
    }

    private List<Movement> movements(String member) {
        return history.history(member).stream().flatMap(event -> event.movements().stream()).toList();
    }

    /** Command 1 and command 2, the transaction of command 1 ended (committed or rolled back) after command 2 was sent. */
    private record Race(CompletableFuture<Void> first, CompletableFuture<Void> second) {
    }

    /**
     * Command 1 in a transaction held open; command 2 sent on another thread meanwhile, until it is done or waits for
     * a lock; then command 1's transaction ends, committed when {@code commit}.
     */
    private Race commandTwoWhileCommandOneIsOpen(String member, boolean commit) throws Exception {
        var sent = new CountDownLatch(1);
        var end = new CountDownLatch(1);
        CompletableFuture<Void> first = heldOpen(member, sent, end, commit);
        assertThat(sent.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> wallets.send(message(member, "command-2", 10)),
                threads);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> second.isDone() || someoneWaitsForALock());
        end.countDown();
        return new Race(first, second);
    }

    @Test
    void aCommandNeverBuildsOnAMovementThatIsRolledBack() throws Exception {
        String member = cachedWallet();
        Race race = commandTwoWhileCommandOneIsOpen(member, false);
        CompletableFuture<Void> second = race.second();
        assertThatThrownBy(race.first()::join).hasRootCauseInstanceOf(IllegalStateException.class);
        second.get(60, TimeUnit.SECONDS);

        Wallet.Open wallet = (Wallet.Open) WalletDecider.replay(history.history(member));
        assertThat(wallet.tokenBalance()).as("100 granted, 10 for command 2 only").isEqualTo(90);
        assertThat(movements(member)).extracting(Movement::movementId).containsExactly("grant:start", "message:command-2");
        assertThat(movements(member).getLast().balanceAfter()).isEqualTo(90);
        assertThat(sequences(member)).containsExactly(0L, 1L, 2L, 3L);
        // and the wallet the cache now holds is the committed one
        assertThat(wallets.send(message(member, "command-3", 10)).alreadyRecorded()).isFalse();
        assertThat(movements(member).getLast().balanceAfter()).isEqualTo(80);
    }

    @Test
    void aCommandWaitsForAnUncommittedMovementAndIsRetriedOnItOnceCommitted() throws Exception {
        String member = cachedWallet();
        Race race = commandTwoWhileCommandOneIsOpen(member, true);
        race.first().get(60, TimeUnit.SECONDS);
        race.second().get(60, TimeUnit.SECONDS);

        assertThat(movements(member)).extracting(Movement::movementId)
                .containsExactly("grant:start", "message:command-1", "message:command-2");
        assertThat(movements(member)).extracting(Movement::balanceAfter).containsExactly(100L, 90L, 80L);
        assertThat(sequences(member)).containsExactly(0L, 1L, 2L, 3L, 4L);
        List<WalletEvent> events = history.history(member);
        assertThat(((Wallet.Open) WalletDecider.replay(events)).tokenBalance()).isEqualTo(80);
    }

    /**
     * An entry put back after a later command committed (its transaction's after-commit ran late, or another node
     * appended) is older than the store: a command must not decide on it. Here the hold placed by the later command
     * is missing from the stale entry; deciding on it refused the release as HOLD_NOT_FOUND (the call settlement of a
     * member's second call was dead-lettered so), and no append conflict could have shown it.
     */
    @Test
    void aStaleEntryPutBackLateIsNotDecidedOn() {
        String member = cachedWallet();
        String key = "wallet:" + member;
        Object stale = walletCache.get(key);
        assertThat(stale).as("the wallet is cached").isNotNull();
        wallets.send(new WalletCommand.PlaceHold(member, "hold-1", CallKind.AUDIO, 60, new TokenRates(10, 20, 1), T));
        walletCache.put(key, stale); // no transaction: put at once, over the entry of the hold's command

        var released = wallets.send(new WalletCommand.ReleaseHold(member, "hold-1", T));
        assertThat(released.alreadyRecorded()).isFalse();
        assertThat(sequences(member)).hasSize(5);
    }
}
