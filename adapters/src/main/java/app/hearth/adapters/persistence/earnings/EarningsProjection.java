package app.hearth.adapters.persistence.earnings;

import static app.hearth.adapters.persistence.jooq.Tables.EARNINGS_ACCOUNT;
import static app.hearth.adapters.persistence.jooq.Tables.EARNINGS_ENTRY;

import app.hearth.domain.earnings.EarningsEvent.ActivityCredited;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent.EntryRecorded;
import app.hearth.domain.earnings.LedgerEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code earnings_account} and {@code earnings_entry}. Runs in the processor's transaction, so rows and the
 * tracking token commit together; every write is idempotent (an entry lands once, and an account moves only from
 * the position just before the entry), so a redelivered event changes nothing. Not started by the command-line
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
        OffsetDateTime at = opened.openedAt().atOffset(ZoneOffset.UTC);
        sql.insertInto(EARNINGS_ACCOUNT)
                .set(EARNINGS_ACCOUNT.COMPANION_ID, opened.companionId())
                .set(EARNINGS_ACCOUNT.BALANCE, 0L)
                .set(EARNINGS_ACCOUNT.LIFETIME_EARNED, 0L)
                .set(EARNINGS_ACCOUNT.LIFETIME_PENALTIES, 0L)
                .set(EARNINGS_ACCOUNT.ENTRY_COUNT, 0L)
                .set(EARNINGS_ACCOUNT.LAST_HASH, app.hearth.domain.earnings.EntryHash.GENESIS)
                .set(EARNINGS_ACCOUNT.OPENED_AT, at)
                .set(EARNINGS_ACCOUNT.UPDATED_AT, at)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(EntryRecorded recorded) {
        LedgerEntry entry = recorded.entry();
        String companionId = recorded.companionId();
        OffsetDateTime at = entry.occurredAt().atOffset(ZoneOffset.UTC);
        Integer multiplier = recorded instanceof ActivityCredited credit ? credit.multiplierBasisPoints() : null;
        sql.insertInto(EARNINGS_ENTRY)
                .set(EARNINGS_ENTRY.COMPANION_ID, companionId)
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
                .set(EARNINGS_ENTRY.OCCURRED_AT, at)
                .set(EARNINGS_ENTRY.PREVIOUS_HASH, entry.previousHash())
                .set(EARNINGS_ENTRY.HASH, entry.hash())
                .onConflictDoNothing()
                .execute();
        long earned = switch (entry.kind()) {
            case ACTIVITY_CREDIT -> entry.coins();
            default -> 0;
        };
        long penalties = switch (entry.kind()) {
            case PENALTY, PENALTY_REVERSAL -> -entry.coins();
            default -> 0;
        };
        int moved = sql.update(EARNINGS_ACCOUNT)
                .set(EARNINGS_ACCOUNT.BALANCE, entry.balanceAfter())
                .set(EARNINGS_ACCOUNT.LIFETIME_EARNED, EARNINGS_ACCOUNT.LIFETIME_EARNED.plus(earned))
                .set(EARNINGS_ACCOUNT.LIFETIME_PENALTIES, EARNINGS_ACCOUNT.LIFETIME_PENALTIES.plus(penalties))
                .set(EARNINGS_ACCOUNT.ENTRY_COUNT, entry.position())
                .set(EARNINGS_ACCOUNT.LAST_HASH, entry.hash())
                .set(EARNINGS_ACCOUNT.UPDATED_AT, at)
                .where(EARNINGS_ACCOUNT.COMPANION_ID.eq(companionId))
                .and(EARNINGS_ACCOUNT.ENTRY_COUNT.eq(entry.position() - 1))
                .execute();
        if (moved == 0) {
            Long count = sql.select(EARNINGS_ACCOUNT.ENTRY_COUNT).from(EARNINGS_ACCOUNT)
                    .where(EARNINGS_ACCOUNT.COMPANION_ID.eq(companionId)).fetchOne(EARNINGS_ACCOUNT.ENTRY_COUNT);
            if (count == null || count < entry.position()) {
                throw new IllegalStateException("earnings read model of " + companionId + " is at entry " + count
                        + " and cannot take entry " + entry.position() + " out of order");
            }
            // Already applied: a redelivery after a crash, nothing to do.
        }
    }

    @ResetHandler
    void reset() {
        sql.deleteFrom(EARNINGS_ENTRY).execute();
        sql.deleteFrom(EARNINGS_ACCOUNT).execute();
    }
}
