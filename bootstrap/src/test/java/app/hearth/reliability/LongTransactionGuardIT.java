package app.hearth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.adapters.shared.axon.LongTransactionGuard;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.IntegrationTest;
import app.hearth.support.TestDatabase;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What makes the long gap timeout of ADR 0024 safe: no transaction that wrote events outlives
 * {@code hearth.event-store.longest-transaction}. The guard, here with a limit of 3 s, ends a transaction that
 * appended an event through the command path and stayed open; its event is rolled back, never to appear behind a
 * gap already given up. An old transaction that wrote no event is left alone. The pooled connections end idle
 * transactions as soon as the limit (checked at start-up).
 */
class LongTransactionGuardIT extends IntegrationTest {

    @Autowired
    WalletCommandBus wallets;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aTransactionThatWroteEventsAndOutlivedTheLimitIsEndedAndRollsBackWhileOthersAreLeftAlone() throws Exception {
        String member = "guarded-" + UUID.randomUUID();
        Instant t = Instant.parse("2026-11-25T18:00:00Z");
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", t));
        var guard = new LongTransactionGuard(jdbc, Duration.ofSeconds(3));

        try (var threads = Executors.newVirtualThreadPerTaskExecutor();
             var bystander = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, "")) {
            // an old transaction that writes no event
            bystander.setAutoCommit(false);
            bystander.createStatement().execute("create temporary table guard_bystander (x int)");
            bystander.createStatement().execute("insert into guard_bystander values (1)");

            // a transaction that appended an event and stays open
            var appended = new CountDownLatch(1);
            CompletableFuture<Void> held = CompletableFuture.runAsync(() ->
                    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                        wallets.send(new WalletCommand.GrantTokens(member, "held", 5, "held open", "admin:t", t));
                        appended.countDown();
                        sleep(Duration.ofSeconds(8));
                    }), threads);
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(guard.endTransactionsOlderThanTheLimit()).as("nothing is older than 3 s yet").isZero();

            sleep(Duration.ofMillis(3_500));
            assertThat(guard.endTransactionsOlderThanTheLimit()).as("sessions ended").isEqualTo(1);

            assertThatThrownBy(() -> held.get(1, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class);
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    Long.class, "wallet:" + member)).as("only the opening: the held grant rolled back").isEqualTo(1);
            bystander.commit();
        }
    }

    @Test
    void pooledConnectionsEndIdleTransactionsWithinTheLongestTransactionAndStartUpChecksIt() {
        assertThat(jdbc.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("2min");
        new LongTransactionGuard(jdbc, Duration.ofMinutes(2)).checkIdleTransactionTimeout();
        assertThatThrownBy(() -> new LongTransactionGuard(jdbc, Duration.ofMinutes(1)).checkIdleTransactionTimeout())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("idle_in_transaction_session_timeout");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
