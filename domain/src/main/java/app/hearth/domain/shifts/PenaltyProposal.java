package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;

/**
 * A penalty that adherence proposes for a shift ({@code LATE_FOR_SHIFT} or {@code MISSED_SHIFT}); only the team's
 * supervisor turns it into a penalty (confirmed, naming the ledger entry) or dismisses it with a reason. At most one
 * proposal per shift and policy.
 */
public record PenaltyProposal(String proposalId, String shiftId, String companionId, String policyCode,
                              Status status, int minutesLate, Instant proposedAt, String decidedBy, Instant decidedAt,
                              String reason, String penaltyEntryId) {

    public static final String LATE_FOR_SHIFT = "LATE_FOR_SHIFT";
    public static final String MISSED_SHIFT = "MISSED_SHIFT";

    public enum Status { PROPOSED, CONFIRMED, DISMISSED }

    public PenaltyProposal {
        RuleViolation.requireText(proposalId, "proposalId");
        RuleViolation.requireText(shiftId, "shiftId");
        RuleViolation.requireText(policyCode, "policyCode");
        RuleViolation.require(status, "status");
    }

    public static PenaltyProposal proposed(String proposalId, Shift shift, String policyCode, int minutesLate,
                                           Instant at) {
        return new PenaltyProposal(proposalId, shift.shiftId(), shift.companionId(), policyCode, Status.PROPOSED,
                minutesLate, at, null, null, null, null);
    }

    /** The case id the ledger's penalty is idempotent on: one penalty per proposal however often confirmed. */
    public String caseId() {
        return "shift-proposal:" + proposalId;
    }

    public PenaltyProposal confirmed(String decider, Instant at, String penaltyEntryId) {
        requireProposed();
        return new PenaltyProposal(proposalId, shiftId, companionId, policyCode, Status.CONFIRMED, minutesLate,
                proposedAt, decider, at, null, penaltyEntryId);
    }

    public PenaltyProposal dismissed(String decider, Instant at, String reason) {
        String why = ShiftRules.requireReason(reason);
        requireProposed();
        return new PenaltyProposal(proposalId, shiftId, companionId, policyCode, Status.DISMISSED, minutesLate,
                proposedAt, decider, at, why, null);
    }

    private void requireProposed() {
        if (status != Status.PROPOSED) {
            throw RuleViolation.conflict(ShiftRules.PROPOSAL_DECIDED, "proposal " + proposalId + " is already "
                    + status);
        }
    }
}
