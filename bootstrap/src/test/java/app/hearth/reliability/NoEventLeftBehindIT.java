package app.hearth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.access.jooq.LedgerStaffActionsProjection;
import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reliability test #9: no event left behind. While commands keep appending events (wallet grants, earnings
 * corrections), three things happen that leave gaps in {@code global_index} for the tracking processors to wait for:
 * <ul>
 *   <li>a transaction appends events of all three projections (a wallet opened and granted, an earnings account
 *       opened and corrected) through the real command path and is held open for 90 s before it commits: its
 *       {@code global_index} values are taken at once and become visible 90 s later;</li>
 *   <li>an Axon unit of work sends a wallet command and takes 65 s before it commits: its event, stamped when the
 *       command ran, is appended at the end, so processors read an event already 65 s old. With Axon's default gap
 *       timeout of 60 s such an event made them give up every gap below it, the held transaction's included, and
 *       that transaction's events never reached the read models (ADR 0024);</li>
 *   <li>ten transactions append an event and roll back: gaps that are never filled.</li>
 * </ul>
 * Then an SQL anti-join over the whole event store and each projection's processed set (the rows each kind of event
 * must have left) returns no row.
 */
class NoEventLeftBehindIT extends IntegrationTest {

    static final Duration HOLD = Duration.ofSeconds(90);
    static final Duration LONG_UNIT_OF_WORK = Duration.ofSeconds(65);
    static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    /**
     * Events of each projection's aggregates whose rows are missing from its read model: a wallet opened without its
     * {@code wallet} row, a wallet movement without its {@code wallet_movement} row, an earnings account opened
     * without its {@code earnings_account} row, a ledger entry without its {@code earnings_entry} row, and a staff
     * ledger movement (correction, penalty, reversal) without its {@code staff_action} row.
     */
    static final String NOT_PROCESSED = """
            with e as (select event_identifier, payload_type, convert_from(payload, 'UTF8')::jsonb as p
                         from domain_event_entry)
            select 'wallet-read-model' as projection, e.event_identifier, e.payload_type from e
             where e.payload_type = 'wallet.WalletOpened'
               and not exists (select 1 from wallet w where w.member_id = e.p ->> 'memberId')
            union all
            select 'wallet-read-model', e.event_identifier, e.payload_type
              from e cross join lateral jsonb_array_elements(coalesce(e.p -> 'movements', '[]'::jsonb)) m
             where e.payload_type like 'wallet.%'
               and not exists (select 1 from wallet_movement w where w.member_id = e.p ->> 'memberId'
                                  and w.position = (m ->> 'position')::bigint and w.movement_id = m ->> 'movementId')
            union all
            select 'earnings-read-model', e.event_identifier, e.payload_type from e
             where e.payload_type = 'earnings.EarningsAccountOpened'
               and not exists (select 1 from earnings_account a where a.companion_id = e.p ->> 'companionId')
            union all
            select 'earnings-read-model', e.event_identifier, e.payload_type from e
             where e.payload_type like 'earnings.%' and e.p ? 'entry'
               and not exists (select 1 from earnings_entry x where x.companion_id = e.p ->> 'companionId'
                                  and x.entry_id = e.p -> 'entry' ->> 'entryId')
            union all
            select 'staff-actions-from-ledgers', e.event_identifier, e.payload_type from e
             where e.payload_type in ('earnings.BalanceCorrected', 'earnings.PenaltyApplied',
                                      'earnings.PenaltyReversed')
               and not exists (select 1 from staff_action s where s.action_id = 'ledger:' || (e.p -> 'entry' ->> 'entryId'))
            """;

    @Autowired
    WalletCommandBus wallets;
    @Autowired
    EarningsLedger earnings;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    org.axonframework.common.transaction.TransactionManager axonTransactionManager;

    @Test
    void everyStoredEventReachesEveryProjectionDespiteALongTransactionALongUnitOfWorkAndRollbacks() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Actor admin = new Actor("admin-" + run, Role.ADMIN);
        List<String> flowWallets = List.of("flow-a-" + run, "flow-b-" + run, "flow-c-" + run);
        List<String> flowAccounts = List.of("flow-x-" + run, "flow-y-" + run);
        String held = "held-" + run;
        String slow = "slow-" + run;
        String rolledBack = "rolled-back-" + run;
        flowWallets.forEach(this::openWallet);
        flowAccounts.forEach(account -> earnings.open(admin, account));
        openWallet(slow);
        openWallet(rolledBack);
        long before = head();

        var threads = Executors.newVirtualThreadPerTaskExecutor();
        var flowing = new AtomicBoolean(true);
        var flowed = new AtomicInteger();
        CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
            for (int i = 0; flowing.get(); i++) {
                grant(flowWallets.get(i % flowWallets.size()), "flow-" + i, 1);
                if (i % 3 == 0) {
                    earnings.correct(admin, flowAccounts.get(i % flowAccounts.size()), "flow-" + i, 1, "flow " + i);
                }
                flowed.incrementAndGet();
                pause(Duration.ofMillis(100));
            }
        }, threads);

        // 1. A transaction with events of all three projections, held open for 90 s.
        var heldAppended = new CountDownLatch(1);
        var heldCommittedAt = new AtomicLong();
        long started = System.nanoTime();
        CompletableFuture<Void> heldTransaction = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    openWallet(held);
                    grant(held, "held", 7);
                    earnings.open(admin, held);
                    earnings.correct(admin, held, "held", 11, "held open for 90 s");
                    heldAppended.countDown();
                    pause(HOLD.minusNanos(System.nanoTime() - started));
                    heldCommittedAt.set(System.currentTimeMillis());
                }), threads);
        assertThat(heldAppended.await(30, TimeUnit.SECONDS)).isTrue();

        // 2. A unit of work that takes 65 s: its event is appended, and visible, only as it commits.
        var slowCommittedAt = new AtomicLong();
        CompletableFuture<Void> slowUnitOfWork = CompletableFuture.runAsync(() -> {
            var unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(axonTransactionManager);
            unitOfWork.execute(() -> {
                grant(slow, "slow", 5);
                pause(LONG_UNIT_OF_WORK);
            });
            slowCommittedAt.set(System.currentTimeMillis());
        }, threads);

        // 3. Ten transactions that append an event each and roll back.
        for (int i = 0; i < 10; i++) {
            int attempt = i;
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                grant(rolledBack, "rolled-back-" + attempt, 1);
                status.setRollbackOnly();
            });
            pause(Duration.ofSeconds(2));
        }

        // After the slow unit of work's old event appeared and before the held transaction commits: the gaps each
        // processor's token still waits for.
        slowUnitOfWork.get(3, TimeUnit.MINUTES);
        pause(Duration.ofSeconds(5));
        assertThat(heldTransaction).as("still held open").isNotDone();
        List<String> processors = List.of(WalletProjection.PROCESSING_GROUP, EarningsProjection.PROCESSING_GROUP,
                LedgerStaffActionsProjection.PROCESSING_GROUP);
        Map<String, List<Long>> waitingFor = new HashMap<>();
        processors.forEach(processor -> waitingFor.put(processor, gapsOf(processor)));

        heldTransaction.get(3, TimeUnit.MINUTES);
        pause(Duration.ofSeconds(2));
        flowing.set(false);
        flow.get(1, TimeUnit.MINUTES);
        threads.close();
        processors.forEach(processor -> Projections.awaitCaughtUp(jdbc, processor));

        // Every stored event reached every projection.
        List<Map<String, Object>> missing = jdbc.queryForList(NOT_PROCESSED);
        assertThat(missing).as("stored events missing from their projections").isEmpty();

        // The scenario happened as described.
        assertThat(flowed.get()).as("events kept flowing").isGreaterThan(100);
        List<Long> heldIndexes = jdbc.queryForList("select global_index from domain_event_entry where"
                + " aggregate_identifier in (?, ?) order by global_index", Long.class, "wallet:" + held,
                "earnings:" + held);
        assertThat(heldIndexes).hasSize(4);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ? and"
                + " aggregate_identifier like 'wallet:flow-%' and aggregate_identifier like ?", Long.class,
                heldIndexes.getLast(), "%" + run)).as("events after the held ones, committed long before them")
                .isGreaterThan(50);
        Instant heldStamp = Instant.parse(jdbc.queryForObject("select min(time_stamp) from domain_event_entry"
                + " where aggregate_identifier = ?", String.class, "wallet:" + held));
        assertThat(Duration.between(heldStamp, Instant.ofEpochMilli(heldCommittedAt.get())))
                .as("the held transaction's events became visible 90 s after they were appended")
                .isGreaterThan(HOLD.minusSeconds(3));
        Instant slowStamp = Instant.parse(jdbc.queryForObject("select time_stamp from domain_event_entry"
                + " where aggregate_identifier = ? and sequence_number = 1", String.class, "wallet:" + slow));
        assertThat(Duration.between(slowStamp, Instant.ofEpochMilli(slowCommittedAt.get())))
                .as("the slow unit of work's event was older than Axon's default gap timeout when it appeared")
                .isGreaterThan(Duration.ofSeconds(60));
        waitingFor.forEach((processor, gaps) -> assertThat(gaps)
                .as("%s still waited for the held events after the slow unit of work's old event", processor)
                .containsAll(heldIndexes));
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, "wallet:" + rolledBack)).as("only the opening: the ten grants rolled back").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from generate_series(?::bigint + 1, ?::bigint) i where not"
                + " exists (select 1 from domain_event_entry e where e.global_index = i)", Long.class, before, head()))
                .as("holes left for good by the rollbacks").isGreaterThanOrEqualTo(10);

        assertThat(jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class, held))
                .isEqualTo(7);
        assertThat(jdbc.queryForObject("select balance from earnings_account where companion_id = ?", Long.class,
                held)).isEqualTo(11);
        assertThat(jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class, slow))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class,
                rolledBack)).isZero();
    }

    private void openWallet(String member) {
        wallets.open(new WalletCommand.OpenWallet(member, MonetizationVersion.V1_TOKENS, "UTC", T));
    }

    private void grant(String member, String grantId, long tokens) {
        wallets.send(new WalletCommand.GrantTokens(member, grantId, tokens, "test grant", "admin:test", T));
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    /** The gaps a processor's token is waiting for. */
    private List<Long> gapsOf(String processor) {
        return jdbc.queryForList("select jsonb_array_elements_text(convert_from(token, 'UTF8')::jsonb -> 'gaps')"
                + "::bigint from token_entry where processor_name = ? order by 1", Long.class, processor);
    }

    /** Sleeps for {@code duration}, going on sleeping when interrupted (as a thread blocked in I/O would). */
    private static void pause(Duration duration) {
        long until = System.nanoTime() + Math.max(0, duration.toNanos());
        while (System.nanoTime() < until) {
            try {
                TimeUnit.NANOSECONDS.sleep(until - System.nanoTime());
            } catch (InterruptedException interrupted) {
                // Axon's unit-of-work time limit interrupts after 60 s; a thread blocked in I/O would not notice
            }
        }
    }
}
