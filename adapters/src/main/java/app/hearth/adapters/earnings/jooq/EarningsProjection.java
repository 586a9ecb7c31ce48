package app.hearth.adapters.earnings.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.EARNINGS_ACCOUNT;
import static app.hearth.adapters.shared.jooq.generated.Tables.EARNINGS_ENTRY;

import app.hearth.adapters.shared.jooq.BatchWrites;
import app.hearth.adapters.shared.jooq.generated.tables.records.EarningsAccountRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.EarningsEntryRecord;
import app.hearth.domain.earnings.EarningsEvent.ActivityCredited;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent.EntryRecorded;
import app.hearth.domain.earnings.EntryHash;
import app.hearth.domain.earnings.LedgerEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code earnings_account} and {@code earnings_entry}. Runs in the processor's transaction, so rows and the
 * tracking token commit together; every write is idempotent (an entry lands once, and an account moves only from
 * the position just before its entries), so a redelivered event changes nothing. Not started by the command-line
 * modes, so an audit compares against a read model that stands still.
 */
@Component
@ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
@ProcessingGroup(EarningsProjection.PROCESSING_GROUP)
public class EarningsProjection {

    public static final String PROCESSING_GROUP = "earnings-read-model";

    private final DSLContext sql;

    public EarningsProjection(DSLContext sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(EarningsAccountOpened opened) {
        pendingWrites().opened(opened);
    }

    @EventHandler
    void on(EntryRecorded recorded) {
        pendingWrites().recorded(recorded);
    }

    /**
     * The writes of the current batch. The processor hands a batch of events to the handlers in one unit of work;
     * their rows are written together just before it commits (three statements per batch instead of two per event),
     * inside the same transaction as the token.
     */
    private PendingWrites pendingWrites() {
        return BatchWrites.of(PendingWrites.class, PendingWrites::new, writes -> writes.flush(sql));
    }

    /** Rows collected from one batch of events, flushed idempotently in one go. */
    static final class PendingWrites {

        private final List<EarningsAccountOpened> opened = new ArrayList<>();
        private final List<EntryRecorded> recorded = new ArrayList<>();

        void opened(EarningsAccountOpened event) {
            opened.add(event);
        }

        void recorded(EntryRecorded event) {
            recorded.add(event);
        }

        void flush(DSLContext sql) {
            if (!opened.isEmpty()) {
                insertAccounts(sql);
            }
            if (!recorded.isEmpty()) {
                insertEntries(sql);
                moveAccounts(sql);
            }
        }

        private void insertAccounts(DSLContext sql) {
            InsertSetMoreStep<EarningsAccountRecord> insert = null;
            for (EarningsAccountOpened event : opened) {
                OffsetDateTime at = event.openedAt().atOffset(ZoneOffset.UTC);
                insert = (insert == null ? sql.insertInto(EARNINGS_ACCOUNT) : insert.newRecord())
                        .set(EARNINGS_ACCOUNT.COMPANION_ID, event.companionId())
                        .set(EARNINGS_ACCOUNT.BALANCE, 0L)
                        .set(EARNINGS_ACCOUNT.LIFETIME_EARNED, 0L)
                        .set(EARNINGS_ACCOUNT.LIFETIME_PENALTIES, 0L)
                        .set(EARNINGS_ACCOUNT.ENTRY_COUNT, 0L)
                        .set(EARNINGS_ACCOUNT.LAST_HASH, EntryHash.GENESIS)
                        .set(EARNINGS_ACCOUNT.OPENED_AT, at)
                        .set(EARNINGS_ACCOUNT.UPDATED_AT, at);
            }
            insert.onConflictDoNothing().execute();
        }

        private void insertEntries(DSLContext sql) {
            InsertSetMoreStep<EarningsEntryRecord> insert = null;
            for (EntryRecorded event : recorded) {
                LedgerEntry entry = event.entry();
                Integer multiplier = event instanceof ActivityCredited credit ? credit.multiplierBasisPoints() : null;
                insert = (insert == null ? sql.insertInto(EARNINGS_ENTRY) : insert.newRecord())
                        .set(EARNINGS_ENTRY.COMPANION_ID, event.companionId())
                        .set(EARNINGS_ENTRY.POSITION, entry.position())
                        .set(EARNINGS_ENTRY.ENTRY_ID, entry.entryId())
                        .set(EARNINGS_ENTRY.KIND, entry.kind().name())
                        .set(EARNINGS_ENTRY.COINS, entry.coins())
                        .set(EARNINGS_ENTRY.BALANCE_AFTER, entry.balanceAfter())
                        .set(EARNINGS_ENTRY.REASON, entry.reason())
                        .set(EARNINGS_ENTRY.REFERENCE, entry.reference())
                        .set(EARNINGS_ENTRY.ACTOR, entry.actor())
                        .set(EARNINGS_ENTRY.RULE_VERSION, entry.ruleVersion())
                        .set(EARNINGS_ENTRY.MULTIPLIER_BASIS_POINTS, multiplier)
                        .set(EARNINGS_ENTRY.OCCURRED_AT, entry.occurredAt().atOffset(ZoneOffset.UTC))
                        .set(EARNINGS_ENTRY.PREVIOUS_HASH, entry.previousHash())
                        .set(EARNINGS_ENTRY.HASH, entry.hash());
            }
            insert.onConflictDoNothing().execute();
        }

        /**
         * Moves each account from the position just before its first entry of the batch to its last one; an account
         * already at or past that position got these entries before (a redelivery) and is left alone.
         */
        private void moveAccounts(DSLContext sql) {
            var moves = new LinkedHashMap<String, AccountMove>();
            for (EntryRecorded event : recorded) {
                moves.computeIfAbsent(event.companionId(), AccountMove::new).add(event.entry());
            }
            var updates = moves.values().stream().map(move -> sql.update(EARNINGS_ACCOUNT)
                    .set(EARNINGS_ACCOUNT.BALANCE, move.last.balanceAfter())
                    .set(EARNINGS_ACCOUNT.LIFETIME_EARNED, EARNINGS_ACCOUNT.LIFETIME_EARNED.plus(move.earned))
                    .set(EARNINGS_ACCOUNT.LIFETIME_PENALTIES, EARNINGS_ACCOUNT.LIFETIME_PENALTIES.plus(move.penalties))
                    .set(EARNINGS_ACCOUNT.ENTRY_COUNT, move.last.position())
                    .set(EARNINGS_ACCOUNT.LAST_HASH, move.last.hash())
                    .set(EARNINGS_ACCOUNT.UPDATED_AT, move.last.occurredAt().atOffset(ZoneOffset.UTC))
                    .where(EARNINGS_ACCOUNT.COMPANION_ID.eq(move.companionId))
                    .and(EARNINGS_ACCOUNT.ENTRY_COUNT.eq(move.firstPosition - 1)))
                    .toList();
            int[] moved = sql.batch(updates).execute();
            int i = 0;
            for (AccountMove move : moves.values()) {
                if (moved[i++] == 0) {
                    Long count = sql.select(EARNINGS_ACCOUNT.ENTRY_COUNT).from(EARNINGS_ACCOUNT)
                            .where(EARNINGS_ACCOUNT.COMPANION_ID.eq(move.companionId))
                            .fetchOne(EARNINGS_ACCOUNT.ENTRY_COUNT);
                    if (count == null || count < move.last.position()) {
                        throw new IllegalStateException("earnings read model of " + move.companionId + " is at entry "
                                + count + " and cannot take entries " + move.firstPosition + ".."
                                + move.last.position() + " out of order");
                    }
                }
            }
        }
    }

    /** The entries of one account within a batch: consecutive positions, in order. */
    private static final class AccountMove {
        final String companionId;
        long firstPosition = -1;
        LedgerEntry last;
        long earned;
        long penalties;

        AccountMove(String companionId) {
            this.companionId = companionId;
        }

        void add(LedgerEntry entry) {
            if (firstPosition < 0) {
                firstPosition = entry.position();
            } else if (entry.position() != last.position() + 1) {
                throw new IllegalStateException("entries of " + companionId + " arrived out of order: "
                        + last.position() + " then " + entry.position());
            }
            last = entry;
            switch (entry.kind()) {
                case ACTIVITY_CREDIT -> earned += entry.coins();
                case PENALTY, PENALTY_REVERSAL -> penalties -= entry.coins();
                case CORRECTION -> { }
            }
        }
    }

    @ResetHandler
    void reset() {
        sql.deleteFrom(EARNINGS_ENTRY).execute();
        sql.deleteFrom(EARNINGS_ACCOUNT).execute();
    }
}
