package app.hearth.adapters.access.jooq;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.earnings.EarningsEvent.BalanceCorrected;
import app.hearth.domain.earnings.EarningsEvent.PenaltyApplied;
import app.hearth.domain.earnings.EarningsEvent.PenaltyReversed;
import app.hearth.domain.earnings.LedgerEntry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Puts the staff's ledger movements (corrections, penalties, reversals) into the staff audit trail. It follows the
 * event store like any projection, so an entry that is in a ledger is in the trail too, however the request that
 * made it ended; the action id is the entry id, so a redelivered event records nothing new.
 */
@Component
@ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
@ProcessingGroup(LedgerStaffActionsProjection.PROCESSING_GROUP)
public class LedgerStaffActionsProjection {

    public static final String PROCESSING_GROUP = "staff-actions-from-ledgers";

    private final StaffAuditTrail trail;

    public LedgerStaffActionsProjection(StaffAuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(BalanceCorrected corrected) {
        record(StaffActionKind.LEDGER_CORRECTED, corrected.companionId(), corrected.entry(),
                corrected.entry().reason());
    }

    @EventHandler
    void on(PenaltyApplied applied) {
        record(StaffActionKind.PENALTY_APPLIED, applied.companionId(), applied.entry(),
                "case " + applied.caseId() + ", policy " + applied.policyCode());
    }

    @EventHandler
    void on(PenaltyReversed reversed) {
        record(StaffActionKind.PENALTY_REVERSED, reversed.companionId(), reversed.entry(),
                "penalty " + reversed.penaltyId() + ": " + reversed.entry().reason());
    }

    private void record(StaffActionKind kind, String companionId, LedgerEntry entry, String reason) {
        trail.record(new StaffAction("ledger:" + entry.entryId(), entry.actor(), kind, companionId,
                Long.toString(entry.balanceAfter() - entry.coins()), Long.toString(entry.balanceAfter()), reason,
                entry.occurredAt()));
    }
}
