package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.adapters.money.payments.webhooks.StripeEvents;
import app.hearth.adapters.shared.web.WebhookJson;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.support.IntegrationTest;
import app.hearth.support.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Settles the open question of ADR 0018 (ADR 0019): a wallet command sent through the {@link WalletCommandBus} inside
 * {@link Transactions#inTransaction} (as the payment pipeline sends one) does not commit on its own. Axon's unit of
 * work joins the caller's Spring transaction: its event is visible inside that transaction but to no other connection
 * until the caller commits; when the caller throws afterwards the event is rolled back with the caller's writes, and
 * when the caller returns it is committed with them. A command refused by a rule changes nothing and leaves the
 * caller's transaction whole; a command that fails otherwise (a sequence conflict, a missing wallet) dooms the
 * caller's whole transaction, never a part of it. The payment pipeline then tries its transaction again from the
 * start: a notification is recorded with its fact and its wallet movement, or not at all.
 */
class WalletTransactionBoundaryIT extends IntegrationTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    Transactions transactions;
    @Autowired
    WalletCommandBus wallets;
    @Autowired
    WalletHistory history;
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    PaymentWebhooks webhooks;

    /** A V1 wallet, opened and committed before the test's own transaction. */
    private String openWallet() {
        String member = "tx-boundary-" + UUID.randomUUID();
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", T));
        return member;
    }

    private static WalletCommand.GrantTokens grant(String member, String grantId, long tokens) {
        return new WalletCommand.GrantTokens(member, grantId, tokens, "transaction boundary test", "admin:test", T);
    }

    /** Grants stored for the wallet, as this thread sees them (inside a transaction: that transaction's view). */
    private int grantsSeenHere(String member) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.TokensGranted'", Integer.class, "wallet:" + member);
    }

    /** Grants stored for the wallet, as a separate connection (another node, an auditor) sees them: committed. */
    private static int grantsCommitted(String member) {
        try (var connection = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, "");
             var statement = connection.prepareStatement("select count(*) from domain_event_entry where "
                     + "aggregate_identifier = ? and payload_type = 'wallet.TokensGranted'")) {
            statement.setString(1, "wallet:" + member);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long tokens(String member) {
        return ((Wallet.Open) WalletDecider.replay(history.history(member))).tokenBalance();
    }

    /** Thrown by the caller's work after the wallet command succeeded. */
    private static final class CallerFailed extends RuntimeException {
        CallerFailed() {
            super("the caller failed after the wallet command", null, false, false);
        }
    }

    @Test
    void axonJoinsTheSpringTransactionThroughSpringsTransactionManager() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void aWalletCommandInsideTheCallersTransactionRollsBackWhenTheCallerThrows() {
        String member = openWallet();
        int[] seenInside = new int[2];
        var failure = new CallerFailed();

        assertThatThrownBy(() -> transactions.run(() -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            WalletReceipt receipt = wallets.send(grant(member, "rolled-back", 5));
            assertThat(receipt.alreadyRecorded()).isFalse();
            seenInside[0] = grantsSeenHere(member);
            seenInside[1] = grantsCommitted(member);
            throw failure;
        })).isSameAs(failure);

        assertThat(seenInside[0]).as("the event, inside the caller's transaction").isEqualTo(1);
        assertThat(seenInside[1]).as("the event, from another connection before the caller ended: the unit of "
                + "work did not commit on its own").isZero();
        assertThat(grantsCommitted(member)).as("after the caller threw").isZero();
        assertThat(tokens(member)).isZero();

        // nothing of it remains: the same movement id is new to the wallet
        WalletReceipt again = wallets.send(grant(member, "rolled-back", 5));
        assertThat(again.alreadyRecorded()).isFalse();
        assertThat(grantsCommitted(member)).isEqualTo(1);
        assertThat(tokens(member)).isEqualTo(5);
    }

    @Test
    void aWalletCommandInsideTheCallersTransactionCommitsWhenTheCallerCommits() {
        String member = openWallet();
        int[] seenInside = new int[2];

        transactions.run(() -> {
            wallets.send(grant(member, "committed", 7));
            seenInside[0] = grantsSeenHere(member);
            seenInside[1] = grantsCommitted(member);
        });

        assertThat(seenInside[0]).isEqualTo(1);
        assertThat(seenInside[1]).as("not committed before the caller's transaction").isZero();
        assertThat(grantsCommitted(member)).as("committed with the caller's transaction").isEqualTo(1);
        assertThat(tokens(member)).isEqualTo(7);
        assertThat(wallets.send(grant(member, "committed", 7)).alreadyRecorded()).isTrue();
    }

    /**
     * A refusal by a rule is an answer: the unit of work does not roll back, and the caller's writes before and after
     * it commit together. (With Axon's connection wrapper the refusal used to roll the shared connection back, losing
     * the caller's earlier writes while the later ones committed.)
     */
    @Test
    void aRefusedWalletCommandLeavesTheCallersTransactionWhole() {
        String member = openWallet();
        jdbc.execute("create table if not exists transaction_boundary_probe (note varchar(200) primary key)");

        transactions.run(() -> {
            jdbc.update("insert into transaction_boundary_probe (note) values (?)", member + " before");
            wallets.send(grant(member, "before", 3));
            assertThatThrownBy(() -> wallets.send(new WalletCommand.ChargeMessage(member, "too-dear", "companion-1",
                    1_000, T))).isInstanceOfSatisfying(RuleViolation.class,
                    refused -> assertThat(refused.code()).isEqualTo(WalletDecider.INSUFFICIENT_BALANCE));
            assertThat(grantsSeenHere(member)).as("the grant before the refusal, inside the transaction").isOne();
            jdbc.update("insert into transaction_boundary_probe (note) values (?)", member + " after");
            wallets.send(grant(member, "after", 4));
        });

        assertThat(jdbc.queryForList("select note from transaction_boundary_probe where note like ? order by note",
                String.class, member + "%")).as("the caller's own rows")
                .containsExactly(member + " after", member + " before");
        assertThat(grantsCommitted(member)).isEqualTo(2);
        assertThat(tokens(member)).isEqualTo(7);
    }

    /**
     * A wallet command whose append fails on the database (a sequence conflict: another transaction appended to the
     * wallet first) inside the caller's transaction comes back as a transient conflict, and no part of the caller's
     * transaction can commit any more: neither its writes before nor its attempts after. The caller tries again
     * whole.
     */
    @Test
    void aWalletAppendThatFailsDoomsTheCallersWholeTransaction() throws Exception {
        String member = openWallet();
        jdbc.execute("create table if not exists transaction_boundary_probe (note varchar(200) primary key)");
        var appended = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(2)) {
            Future<?> other = threads.submit(() -> transactions.run(() -> {
                wallets.send(grant(member, "first", 1));
                appended.countDown();
                await(release);
            }));
            assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
            Future<?> caller = threads.submit(() -> transactions.run(() -> {
                jdbc.update("insert into transaction_boundary_probe (note) values (?)", member + " before");
                assertThatThrownBy(() -> wallets.send(grant(member, "second", 2)))
                        .isInstanceOfSatisfying(RuleViolation.class, busy -> {
                            assertThat(busy.category()).isEqualTo(RuleViolation.Category.CONFLICT);
                            assertThat(busy.code()).isEqualTo("CONCURRENT_UPDATE");
                        });
                jdbc.update("insert into transaction_boundary_probe (note) values (?)", member + " after");
            }));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where datname = current_database() "
                            + "and wait_event_type = 'Lock'", Integer.class) > 0);
            release.countDown();
            other.get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> caller.get(20, TimeUnit.SECONDS)).as("the caller's write after the conflict")
                    .hasMessageContaining("current transaction is aborted");
        }
        assertThat(jdbc.queryForObject("select count(*) from transaction_boundary_probe where note like ?",
                Integer.class, member + "%")).as("the caller's own rows").isZero();
        assertThat(grantsCommitted(member)).as("only the other writer's grant").isOne();
        assertThat(tokens(member)).isEqualTo(1);
    }

    /**
     * The payment pipeline meets a busy wallet, made deterministic: another transaction holds an uncommitted append
     * to the wallet; the webhook is answered RECORDED at once (ADR 0043), and the applier's wallet command waits on
     * the event store's unique key and, once that transaction commits, fails with a sequence conflict. The applier's
     * transaction is rolled back whole and tried again: one inbox row, one fact APPLIED, one movement; a redelivery
     * is a duplicate.
     */
    @Test
    void aWalletConflictInsideThePaymentPipelineRetriesTheWholeTransaction() throws Exception {
        String member = "tx-pipeline-" + UUID.randomUUID();
        assertThat(as("member", member).put("/api/v1/me/profile", Map.of("displayName", "Payer", "birthYear", 1950,
                "languages", List.of("en"), "timeZone", "UTC")).status()).isEqualTo(201);
        String eventId = "evt_boundary_" + UUID.randomUUID();
        String transaction = "pi_boundary_" + UUID.randomUUID();
        var purchase = new PaymentEvent("stripe", eventId, PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE,
                transaction, null, "price_hearth_tokens_100", 999, "USD", Instant.now(),
                null, new PurchaserKeys(member, null, null, null));
        // the body the applier reads again (ADR 0043): Checkout's payment of 100 tokens with these ids
        String body = new String(getClass().getResourceAsStream(
                "/fixtures/stripe/checkout.session.completed.payment.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("evt_1PorzlRrHuoIQciTuasmZ8qr", eventId).replace("pi_1vB7XwRrHuoIQciTs5wzfBBu", transaction)
                .replace("\"client_reference_id\": null", "\"client_reference_id\": \"" + member + "\"");
        var read = StripeEvents.read(WebhookJson.object(body).orElseThrow());
        assertThat(read).isInstanceOf(PaymentWebhooks.Reading.Normalized.class);
        assertThat(((PaymentWebhooks.Reading.Normalized) read).event().dedupeKey()).isEqualTo(purchase.dedupeKey());
        var notification = new PaymentWebhooks.Notification("stripe", eventId, "checkout.session.completed",
                "test", body, read);

        var appended = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(2)) {
            // another writer: its grant is appended at the wallet's next sequence and not committed yet
            Future<?> other = threads.submit(() -> transactions.run(() -> {
                wallets.send(grant(member, "concurrent", 1));
                appended.countDown();
                await(release);
            }));
            assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
            // answered once recorded: the busy wallet does not hold the answer back (ADR 0043)
            assertThat(webhooks.receive(notification)).as("answered as recorded")
                    .isEqualTo(new PaymentWebhooks.Receipt(false, PaymentWebhooks.Outcome.RECORDED, null));
            // the applier's append waits on the other writer's row
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where datname = current_database() "
                            + "and wait_event_type = 'Lock'", Integer.class) > 0);
            release.countDown();
            other.get(20, TimeUnit.SECONDS);

        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "FACT_RECORDED".equals(jdbc.queryForObject(
                "select outcome from payment_inbox where provider_event_id = ?", String.class, eventId)));
        assertThat(jdbc.queryForObject("select count(*) from payment_inbox where provider_event_id = ?",
                Integer.class, eventId)).as("inbox rows of the notification").isOne();
        assertThat(jdbc.queryForObject("select status from payment_fact where transaction_id = ?",
                String.class, transaction)).as("the fact of the purchase").isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("select handed_on from payment_fact where transaction_id = ?",
                Integer.class, transaction)).as("handed on by the committed attempt only").isOne();
        assertThat(tokens(member)).as("the grant and the purchase are in the wallet").isEqualTo(101);

        assertThat(webhooks.receive(notification)).as("a redelivery")
                .isEqualTo(new PaymentWebhooks.Receipt(true, null, null));
        assertThat(tokens(member)).isEqualTo(101);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
