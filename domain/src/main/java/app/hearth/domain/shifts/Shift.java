package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One shift of a companion: its planned time, where it is, when it was clocked in and out, and its breaks.
 * {@code note} holds why it was cancelled, when it was.
 */
public record Shift(String shiftId, String companionId, PlannedTime planned, ShiftStatus status, Instant startedAt,
                    Instant endedAt, List<BreakSpan> breaks, String createdBy, Instant createdAt, String note) {

    public Shift {
        RuleViolation.requireText(shiftId, "shiftId");
        RuleViolation.requireText(companionId, "companionId");
        RuleViolation.require(planned, "planned");
        RuleViolation.require(status, "status");
        breaks = breaks == null ? List.of() : List.copyOf(breaks);
    }

    /** A newly planned shift. */
    public static Shift planned(String shiftId, String companionId, PlannedTime planned, String createdBy,
                                Instant at) {
        return new Shift(shiftId, companionId, planned, ShiftStatus.PLANNED, null, null, List.of(), createdBy, at,
                null);
    }

    public boolean onBreak() {
        return !breaks.isEmpty() && breaks.getLast().open();
    }

    Shift with(ShiftStatus status, Instant startedAt, Instant endedAt, List<BreakSpan> breaks, String note) {
        return new Shift(shiftId, companionId, planned, status, startedAt, endedAt, breaks, createdBy, createdAt,
                note);
    }

    /** The shift moved to {@code time} (only a planned one moves). */
    public Shift movedTo(PlannedTime time) {
        requireStatus(ShiftStatus.PLANNED, ShiftRules.NOT_PLANNED, "only a planned shift moves");
        return new Shift(shiftId, companionId, time, status, startedAt, endedAt, breaks, createdBy, createdAt, note);
    }

    /** The shift cancelled (only a planned one is), for {@code reason}. */
    public Shift cancelled(String reason) {
        requireStatus(ShiftStatus.PLANNED, ShiftRules.NOT_PLANNED, "only a planned shift is cancelled");
        return with(ShiftStatus.CANCELLED, null, null, breaks, reason);
    }

    void requireStatus(ShiftStatus wanted, String code, String message) {
        if (status != wanted) {
            throw RuleViolation.conflict(code, message + " (shift " + shiftId + " is " + status + ")");
        }
    }

    List<BreakSpan> breaksWith(BreakSpan last, boolean replaceLast) {
        var all = new ArrayList<>(breaks);
        if (replaceLast) {
            all.removeLast();
        }
        all.add(last);
        return all;
    }
}
