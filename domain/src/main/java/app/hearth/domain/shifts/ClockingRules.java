package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;

/**
 * Clocking: a planned shift starts at most {@code earliestStart} before its planned start and before it is missed;
 * it is missed when not started {@code missedAfter} after its planned start. Breaks start and end within a started
 * shift; stopping ends an open break at the same moment.
 */
public record ClockingRules(Duration earliestStart, Duration missedAfter) {

    public static final ClockingRules DEFAULTS = new ClockingRules(Duration.ofMinutes(15), Duration.ofMinutes(30));

    public ClockingRules {
        RuleViolation.require(earliestStart, "earliestStart");
        RuleViolation.require(missedAfter, "missedAfter");
        if (earliestStart.isNegative() || !missedAfter.isPositive()) {
            throw new IllegalArgumentException("clocking windows must be positive");
        }
    }

    /** When a shift not started becomes missed. */
    public Instant missedAt(Shift shift) {
        return shift.planned().startInstant().plus(missedAfter);
    }

    /** The earliest moment the shift may be started. */
    public Instant opensAt(Shift shift) {
        return shift.planned().startInstant().minus(earliestStart);
    }

    public Shift start(Shift shift, Instant now) {
        shift.requireStatus(ShiftStatus.PLANNED, ShiftRules.NOT_PLANNED, "only a planned shift starts");
        if (now.isBefore(opensAt(shift))) {
            throw RuleViolation.refused(ShiftRules.TOO_EARLY_TO_START, "shift " + shift.shiftId()
                    + " may be started from " + opensAt(shift) + " (" + earliestStart.toMinutes()
                    + " minutes before its planned start)");
        }
        if (!now.isBefore(missedAt(shift)) || !now.isBefore(shift.planned().endInstant())) {
            throw RuleViolation.refused(ShiftRules.TOO_LATE_TO_START, "shift " + shift.shiftId()
                    + " was not started by " + missedAt(shift) + " and is missed");
        }
        return shift.with(ShiftStatus.STARTED, now, null, shift.breaks(), shift.note());
    }

    public Shift startBreak(Shift shift, Instant now) {
        requireStarted(shift);
        if (shift.onBreak()) {
            throw RuleViolation.conflict(ShiftRules.ALREADY_ON_BREAK, "a break is already going on");
        }
        return shift.with(ShiftStatus.STARTED, shift.startedAt(), null,
                shift.breaksWith(new BreakSpan(later(shift.startedAt(), now), null), false), shift.note());
    }

    public Shift endBreak(Shift shift, Instant now) {
        requireStarted(shift);
        if (!shift.onBreak()) {
            throw RuleViolation.conflict(ShiftRules.NOT_ON_BREAK, "no break is going on");
        }
        return shift.with(ShiftStatus.STARTED, shift.startedAt(), null, closeBreak(shift, now), shift.note());
    }

    public Shift stop(Shift shift, Instant now) {
        requireStarted(shift);
        Instant at = later(shift.startedAt(), now);
        var breaks = shift.onBreak() ? closeBreak(shift, at) : shift.breaks();
        return shift.with(ShiftStatus.ENDED, shift.startedAt(), at, breaks, shift.note());
    }

    /** Whether the shift, not started, is missed at {@code now}. */
    public boolean isMissed(Shift shift, Instant now) {
        return shift.status() == ShiftStatus.PLANNED && !now.isBefore(missedAt(shift));
    }

    /** The shift marked missed; refused unless {@link #isMissed}. */
    public Shift miss(Shift shift, Instant now) {
        if (!isMissed(shift, now)) {
            throw RuleViolation.conflict(ShiftRules.NOT_PLANNED, "shift " + shift.shiftId() + " is not missed at "
                    + now);
        }
        return shift.with(ShiftStatus.MISSED, null, null, shift.breaks(), shift.note());
    }

    private static void requireStarted(Shift shift) {
        shift.requireStatus(ShiftStatus.STARTED, ShiftRules.NOT_STARTED, "the shift is not started");
    }

    private static java.util.List<BreakSpan> closeBreak(Shift shift, Instant now) {
        BreakSpan open = shift.breaks().getLast();
        return shift.breaksWith(new BreakSpan(open.start(), later(open.start(), now)), true);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isBefore(a) ? a : b;
    }
}
