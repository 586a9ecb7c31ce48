package app.hearth.application.shifts;

import app.hearth.application.deadlines.Deadlines;
import app.hearth.domain.shifts.ClockingRules;
import app.hearth.domain.shifts.Shift;

/**
 * The persistent wake-up that marks a planned shift missed (ADR 0052): one deadline of kind {@code shift-missed} per
 * planned shift, due when it is missed, set in the transaction that plans or moves the shift and removed in the one
 * that starts or cancels it. Whoever changes a shift that may have one locks it first ({@link #lock}), as the poller
 * does before firing it, so the two queue instead of deadlocking.
 */
public class ShiftDeadlines {

    public static final String KIND = "shift-missed";

    private final Deadlines deadlines;
    private final ClockingRules clocking;

    public ShiftDeadlines(Deadlines deadlines, ClockingRules clocking) {
        this.deadlines = deadlines;
        this.clocking = clocking;
    }

    public void lock(String shiftId) {
        deadlines.lock(KIND, shiftId);
    }

    /** Sets the shift's wake-up to the moment it is missed. */
    public void planned(Shift shift) {
        deadlines.schedule(KIND, shift.shiftId(), clocking.missedAt(shift));
    }

    /** The shift needs no wake-up any more (started or cancelled). */
    public void done(String shiftId) {
        deadlines.cancel(KIND, shiftId);
    }
}
