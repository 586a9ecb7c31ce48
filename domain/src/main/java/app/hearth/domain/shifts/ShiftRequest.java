package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A companion's request, decided once by the team's supervisor (or an admin): a new shift ({@code time}), a day off
 * ({@code day}, in the companion's zone) or a change of a planned shift ({@code shiftId} moved to {@code time}).
 * Pending, then approved or declined with a reason; a decided request never changes again.
 */
public record ShiftRequest(String requestId, String companionId, Kind kind, Status status, PlannedTime time,
                           LocalDate day, String shiftId, String note, Instant requestedAt, String decidedBy,
                           Instant decidedAt, String reason, String resultShiftId) {

    public enum Kind { NEW_SHIFT, DAY_OFF, SHIFT_CHANGE }

    public enum Status { PENDING, APPROVED, DECLINED }

    public ShiftRequest {
        RuleViolation.requireText(requestId, "requestId");
        RuleViolation.requireText(companionId, "companionId");
        RuleViolation.require(kind, "kind");
        RuleViolation.require(status, "status");
        switch (kind) {
            case NEW_SHIFT -> RuleViolation.require(time, "start");
            case DAY_OFF -> RuleViolation.require(day, "day");
            case SHIFT_CHANGE -> {
                RuleViolation.require(time, "start");
                RuleViolation.requireText(shiftId, "shiftId");
            }
        }
        if (note != null && note.length() > 500) {
            throw RuleViolation.invalid("NOTE_TOO_LONG", "note", "a note has at most 500 characters");
        }
    }

    /** A new pending request. */
    public static ShiftRequest pending(String requestId, String companionId, Kind kind, PlannedTime time,
                                       LocalDate day, String shiftId, String note, Instant at) {
        return new ShiftRequest(requestId, companionId, kind, Status.PENDING, time, day, shiftId,
                note == null || note.isBlank() ? null : note.strip(), at, null, null, null, null);
    }

    /** Approved by {@code decider}; {@code resultShiftId} names the shift it created or moved (null for a day off). */
    public ShiftRequest approved(String decider, Instant at, String resultShiftId) {
        requirePending();
        return new ShiftRequest(requestId, companionId, kind, Status.APPROVED, time, day, shiftId, note, requestedAt,
                decider, at, null, resultShiftId);
    }

    /** Declined by {@code decider} for {@code reason} (required). */
    public ShiftRequest declined(String decider, Instant at, String reason) {
        String why = ShiftRules.requireReason(reason);
        requirePending();
        return new ShiftRequest(requestId, companionId, kind, Status.DECLINED, time, day, shiftId, note, requestedAt,
                decider, at, why, null);
    }

    /** Refuses a request already decided ({@code SHIFT_REQUEST_ALREADY_DECIDED}). */
    public void requirePending() {
        if (status != Status.PENDING) {
            throw RuleViolation.conflict(ShiftRules.REQUEST_DECIDED, "request " + requestId + " is already "
                    + status);
        }
    }
}
