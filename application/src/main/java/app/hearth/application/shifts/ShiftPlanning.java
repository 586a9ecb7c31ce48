package app.hearth.application.shifts;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.shared.Transactions;
import app.hearth.application.shifts.ShiftViews.ShiftView;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shifts.PlannedTime;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Planning shifts: staff in scope plan a companion's shift (wall-clock times in the companion's zone, never overlapping
 * another of theirs, never on a day they have off, not already missed) and cancel a planned one; the companion, their team's staff and admins read
 * them by planned day. Each staff change is in the staff audit trail and sets or removes the shift's missed wake-up in
 * the same transaction.
 */
public class ShiftPlanning {

    private final ShiftStore store;
    private final ShiftAccess access;
    private final ShiftDeadlines wakeUps;
    private final StaffAuditTrail trail;
    private final Transactions transactions;
    private final Clock clock;

    public ShiftPlanning(ShiftStore store, ShiftAccess access, ShiftDeadlines wakeUps, StaffAuditTrail trail,
                         Transactions transactions, Clock clock) {
        this.store = store;
        this.access = access;
        this.wakeUps = wakeUps;
        this.trail = trail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Staff plan a shift for a companion in their reach. */
    public ShiftView plan(Actor actor, String companionId, LocalDateTime start, LocalDateTime end) {
        access.requireStaffOver(actor, companionId);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Shift shift = add(companionId, new PlannedTime(start, end, access.zoneOf(companionId)),
                    actor.recorded(), now);
            trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(), StaffActionKind.SHIFT_PLANNED,
                    shift.shiftId(), null, describe(shift), null, now));
            return ShiftView.of(shift);
        });
    }

    /**
     * Adds a planned shift for the companion (the caller's transaction): under the companion's lock, refused when it
     * overlaps one of theirs or its start is already past; its missed wake-up is set.
     */
    Shift add(String companionId, PlannedTime time, String createdBy, Instant now) {
        access.lockCompanion(companionId);
        requireNotPast(time, now);
        requireNotOnDayOff(companionId, time);
        ShiftRules.requireNoOverlap(time, store.meeting(companionId, time.startInstant(), time.endInstant()), null);
        Shift shift = Shift.planned(UUID.randomUUID().toString(), companionId, time, createdBy, now);
        store.insert(shift, now);
        wakeUps.planned(shift);
        return shift;
    }

    /** Moves a planned shift (the caller's transaction, the companion locked): same rules as adding one. */
    Shift move(String shiftId, String companionId, PlannedTime time, Instant now) {
        wakeUps.lock(shiftId);
        Shift shift = store.lock(shiftId).filter(s -> s.companionId().equals(companionId))
                .orElseThrow(() -> notFound(shiftId));
        requireNotPast(time, now);
        requireNotOnDayOff(companionId, time);
        ShiftRules.requireNoOverlap(time, store.meeting(companionId, time.startInstant(), time.endInstant()),
                shiftId);
        Shift moved = shift.movedTo(time);
        store.update(moved, now);
        wakeUps.planned(moved);
        return moved;
    }

    /** Cancels a planned shift (the caller's transaction, the deadline then the shift locked). */
    Shift cancel(String shiftId, String reason, Instant now) {
        wakeUps.lock(shiftId);
        Shift shift = store.lock(shiftId).orElseThrow(() -> notFound(shiftId));
        Shift cancelled = shift.cancelled(reason);
        store.update(cancelled, now);
        wakeUps.done(shiftId);
        return cancelled;
    }

    /** Staff in scope cancel a planned shift, with a reason. */
    public ShiftView cancel(Actor actor, String shiftId, String reason) {
        String why = ShiftRules.requireReason(reason);
        return transactions.inTransaction(() -> {
            Shift shift = store.find(shiftId).orElseThrow(() -> notFound(shiftId));
            requireStaff(actor, shift.companionId(), shiftId);
            Instant now = clock.instant();
            Shift cancelled = cancel(shiftId, why, now);
            trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(),
                    StaffActionKind.SHIFT_CANCELLED, shiftId, describe(shift), "CANCELLED", why, now));
            return ShiftView.of(cancelled);
        });
    }

    /** The caller's own shifts (a companion) by planned day. */
    public List<ShiftView> mine(Actor actor, LocalDate from, LocalDate to) {
        if (actor.role() != Role.COMPANION) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only companions have shifts of their own");
        }
        return list(List.of(actor.userId()), from, to);
    }

    /** A companion's shifts, for staff in scope (another team's supervisor: 403 COMPANION_OUTSIDE_YOUR_TEAM). */
    public List<ShiftView> ofCompanion(Actor actor, String companionId, LocalDate from, LocalDate to) {
        access.requireStaffOver(actor, companionId);
        return list(List.of(companionId), from, to);
    }

    /** A team's shifts, for its supervisor and admins (another team: 404 TEAM_NOT_FOUND). */
    public List<ShiftView> ofTeam(Actor actor, String teamId, LocalDate from, LocalDate to) {
        return list(access.team(actor, teamId), from, to);
    }

    private List<ShiftView> list(List<String> companionIds, LocalDate from, LocalDate to) {
        LocalDate[] range = ShiftAccess.range(from, to, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (companionIds.isEmpty()) {
            return List.of();
        }
        return store.onDays(companionIds, range[0], range[1]).stream().map(ShiftView::of).toList();
    }

    private void requireStaff(Actor actor, String companionId, String shiftId) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only staff do this");
        }
        if (!access.staffReaches(actor, companionId)) {
            throw notFound(shiftId);
        }
    }

    /** Refuses a shift on a local day the companion has an approved day off (409 {@code DAY_OFF}). */
    void requireNotOnDayOff(String companionId, PlannedTime time) {
        ShiftRules.requireNotOnDayOff(time, store.daysOff(companionId, time.day(), time.day()));
    }

    private static void requireNotPast(PlannedTime time, Instant now) {
        if (!time.startInstant().isAfter(now)) {
            throw RuleViolation.refused(ShiftRules.IN_THE_PAST, "a shift is planned to start in the future");
        }
    }

    static String describe(Shift shift) {
        return shift.companionId() + " " + shift.planned().start() + " to " + shift.planned().end() + " "
                + shift.planned().zone().getId();
    }

    static RuleViolation notFound(String shiftId) {
        return RuleViolation.notFound(ShiftRules.NOT_FOUND, "no shift " + shiftId);
    }
}
