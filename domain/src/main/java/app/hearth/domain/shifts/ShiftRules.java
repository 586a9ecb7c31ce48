package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.LocalDate;
import java.util.Collection;

/**
 * The stable problem codes of shifts, the rule that a companion's shifts never overlap, and the rules between shifts
 * and days off: no shift is planned on a day off, and no day off is approved over a shift already started that day.
 */
public final class ShiftRules {

    public static final String ENDS_BEFORE_START = "SHIFT_ENDS_BEFORE_START";
    public static final String TOO_LONG = "SHIFT_TOO_LONG";
    public static final String OVERLAPS = "SHIFT_OVERLAPS";
    public static final String IN_THE_PAST = "SHIFT_IN_THE_PAST";
    public static final String NOT_FOUND = "SHIFT_NOT_FOUND";
    public static final String NOT_PLANNED = "SHIFT_NOT_PLANNED";
    public static final String NOT_STARTED = "SHIFT_NOT_STARTED";
    public static final String TOO_EARLY_TO_START = "TOO_EARLY_TO_START";
    public static final String TOO_LATE_TO_START = "TOO_LATE_TO_START";
    public static final String ANOTHER_SHIFT_STARTED = "ANOTHER_SHIFT_STARTED";
    public static final String ALREADY_ON_BREAK = "ALREADY_ON_BREAK";
    public static final String NOT_ON_BREAK = "NOT_ON_BREAK";
    public static final String NO_TIME_ZONE = "COMPANION_HAS_NO_TIME_ZONE";
    public static final String REQUEST_NOT_FOUND = "SHIFT_REQUEST_NOT_FOUND";
    public static final String REQUEST_DECIDED = "SHIFT_REQUEST_ALREADY_DECIDED";
    public static final String REASON_REQUIRED = "REASON_REQUIRED";
    public static final String PROPOSAL_NOT_FOUND = "PENALTY_PROPOSAL_NOT_FOUND";
    public static final String PROPOSAL_DECIDED = "PENALTY_PROPOSAL_ALREADY_DECIDED";
    public static final String SUPERVISOR_ONLY = "TEAM_SUPERVISOR_ONLY";
    public static final String STAFF_ONLY = "SHIFTS_STAFF_ONLY";
    public static final String EMPTY_RANGE = "EMPTY_DATE_RANGE";
    public static final String RANGE_TOO_LONG = "DATE_RANGE_TOO_LONG";
    public static final String DAY_OFF = "DAY_OFF";
    public static final String SHIFT_STARTED_ON_DAY = "SHIFT_STARTED_ON_THAT_DAY";

    private ShiftRules() {
    }

    /**
     * Refuses {@code candidate} when it overlaps one of {@code others} that still holds its time ({@code SHIFT_OVERLAPS});
     * a shift with the id {@code movingShiftId} (the one being moved) does not count.
     */
    public static void requireNoOverlap(PlannedTime candidate, Collection<Shift> others, String movingShiftId) {
        for (Shift other : others) {
            if (other.status().holdsTime() && !other.shiftId().equals(movingShiftId)
                    && candidate.overlaps(other.planned())) {
                throw RuleViolation.conflict(OVERLAPS, "the shift overlaps shift " + other.shiftId() + " ("
                        + other.planned().start() + " to " + other.planned().end() + ")");
            }
        }
    }

    /**
     * Refuses {@code candidate} when it belongs to (starts on) a local day among the companion's approved
     * {@code daysOff} ({@code DAY_OFF}, 409, field {@code start}).
     */
    public static void requireNotOnDayOff(PlannedTime candidate, Collection<LocalDate> daysOff) {
        if (daysOff.contains(candidate.day())) {
            throw RuleViolation.conflict(DAY_OFF, "start", "the companion has an approved day off on "
                    + candidate.day());
        }
    }

    /**
     * Refuses a day off on {@code day} while one of the companion's {@code shiftsThatDay} is started
     * ({@code SHIFT_STARTED_ON_THAT_DAY}, 409, field {@code day}): the companion is working; they stop the shift
     * first, then the day off cancels what is still planned.
     */
    public static void requireNoneStartedOn(LocalDate day, Collection<Shift> shiftsThatDay) {
        for (Shift shift : shiftsThatDay) {
            if (shift.status() == ShiftStatus.STARTED && shift.planned().day().equals(day)) {
                throw RuleViolation.conflict(SHIFT_STARTED_ON_DAY, "day", "shift " + shift.shiftId()
                        + " of " + day + " is started; it is stopped before the day off is approved");
            }
        }
    }

    /** A reason staff must give (declining, dismissing, cancelling): trimmed, 1-500 characters. */
    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid(REASON_REQUIRED, "reason", "a reason is required");
        }
        String trimmed = reason.strip();
        if (trimmed.length() > 500) {
            throw RuleViolation.invalid("REASON_TOO_LONG", "reason", "a reason has at most 500 characters");
        }
        return trimmed;
    }
}
