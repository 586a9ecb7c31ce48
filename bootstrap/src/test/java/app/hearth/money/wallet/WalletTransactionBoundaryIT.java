package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.support.IntegrationTest;
import app.hearth.support.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Settles the open question of ADR 0018: a wallet command sent through the {@link WalletCommandBus} inside
 * {@link Transactions#inTransaction} (as the payment pipeline sends one) does not commit on its own. Axon's unit of
 * work joins the caller's Spring transaction: its event is visible inside that transaction but to no other connection
 * until the caller commits; when the caller throws afterwards the event is rolled back with the caller's writes (the
 * movement id stays free, so a later attempt records it afresh), and when the caller returns it is committed with
 * them. But a wallet command that fails inside the caller's transaction (a refusal; equally a sequence conflict that
 * the bus retries) rolls back the shared connection at once: the caller's earlier writes are silently lost while the
 * caller carries on and commits the rest.
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
     * What the code does today, not what it should do: Axon's {@code UnitOfWorkAwareConnectionProviderWrapper} rolls
     * back the JDBC connection itself when a unit of work rolls back, and Spring's connection wrapper intercepts only
     * close and commit, so the rollback reaches the connection of the caller's transaction. Everything the caller
     * wrote before the failed command is discarded at once; Spring still sees its transaction active, commits what
     * comes after, and reports nothing. When this changes, change the test.
     */
    @Test
    void aFailedWalletCommandSilentlyDiscardsTheCallersEarlierWritesAndWhatFollowsCommits() {
        String member = openWallet();
        jdbc.execute("create table if not exists transaction_boundary_probe (note varchar(200) primary key)");

        transactions.run(() -> {
            jdbc.update("insert into transaction_boundary_probe (note) values (?)", member + " before");
            wallets.send(grant(member, "before", 3));
            assertThatThrownBy(() -> wallets.send(new WalletCommand.ChargeMessage(member, "too-dear", "companion-1",
                    1_000, T))).isInstanceOfSatisfying(RuleViolation.class,
                    refused -> assertThat(refused.code()).isEqualTo(WalletDecider.INSUFFICIENT_BALANCE));
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            assertThat(grantsSeenHere(member)).as("the grant before the refusal, inside the transaction").isZero();
            jdbc.update("insert into transaction_boundary_probe (note) values (?)", member + " after");
            wallets.send(grant(member, "after", 4));
        });

        assertThat(jdbc.queryForList("select note from transaction_boundary_probe where note like ? order by note",
                String.class, member + "%")).as("the caller's own rows").containsExactly(member + " after");
        assertThat(grantsCommitted(member)).isEqualTo(1);
        assertThat(tokens(member)).as("only the grant after the refusal").isEqualTo(4);
    }
}
