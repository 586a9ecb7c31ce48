package app.hearth.application.shifts;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.shared.Transactions;
import app.hearth.application.shifts.ShiftViews.RequestView;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shifts.PlannedTime;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRequest;
import app.hearth.domain.shifts.ShiftRules;
import app.hearth.domain.shifts.ShiftStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A companion's requests: a new shift, a day off, a change of a planned shift. The team's supervisor (or an admin)
 * approves or declines each once, with a reason when declining. Approving a new shift plans it; a day off cancels the
 * companion's planned shifts starting on that local day (refused while one of that day's shifts is started); a change
 * moves the planned shift. No shift is asked for, planned or moved onto an approved day off. Each decision is in the
 * staff audit trail.
 */
public class ShiftRequests {

    public static final int MAX_LIST = 200;

    /** What a companion asks for: {@code kind} and the fields it needs. */
    public record Ask(ShiftRequest.Kind kind, LocalDateTime start, LocalDateTime end, LocalDate day, String shiftId,
                      String note) {
    }

    private final ShiftStore store;
    private final ShiftAccess access;
    private final ShiftPlanning planning;
    private final StaffAuditTrail trail;
    private final Transactions transactions;
    private final Clock clock;

    public ShiftRequests(ShiftStore store, ShiftAccess access, ShiftPlanning planning, StaffAuditTrail trail,
                         Transactions transactions, Clock clock) {
        this.store = store;
        this.access = access;
        this.planning = planning;
        this.trail = trail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A companion asks; a new shift or change is checked now as it would be when approved. */
    public RequestView request(Actor actor, Ask ask) {
        if (actor.role() != Role.COMPANION) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only companions make shift requests");
        }
        RuleViolation.require(ask.kind(), "kind");
        String companionId = actor.userId();
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            PlannedTime time = null;
            if (ask.kind() != ShiftRequest.Kind.DAY_OFF) {
                time = new PlannedTime(RuleViolation.require(ask.start(), "start"),
                        RuleViolation.require(ask.end(), "end"), access.zoneOf(companionId));
                if (!time.startInstant().isAfter(now)) {
                    throw RuleViolation.refused(ShiftRules.IN_THE_PAST, "a shift is planned to start in the future");
                }
                planning.requireNotOnDayOff(companionId, time);
                String moving = ask.kind() == ShiftRequest.Kind.SHIFT_CHANGE ? ask.shiftId() : null;
                ShiftRules.requireNoOverlap(time, store.meeting(companionId, time.startInstant(), time.endInstant()),
                        moving);
            }
            if (ask.kind() == ShiftRequest.Kind.SHIFT_CHANGE) {
                RuleViolation.requireText(ask.shiftId(), "shiftId");
                Shift shift = store.find(ask.shiftId()).filter(s -> s.companionId().equals(companionId))
                        .orElseThrow(() -> ShiftPlanning.notFound(ask.shiftId()));
                if (shift.status() != ShiftStatus.PLANNED) {
                    throw RuleViolation.conflict(ShiftRules.NOT_PLANNED, "only a planned shift is changed");
                }
            }
            var request = ShiftRequest.pending(UUID.randomUUID().toString(), companionId, ask.kind(), time,
                    ask.kind() == ShiftRequest.Kind.DAY_OFF ? RuleViolation.require(ask.day(), "day") : null,
                    ask.kind() == ShiftRequest.Kind.SHIFT_CHANGE ? ask.shiftId() : null, ask.note(), now);
            store.insert(request);
            return RequestView.of(request);
        });
    }

    /** The caller's own requests, newest first. */
    public List<RequestView> mine(Actor actor, ShiftRequest.Status status) {
        if (actor.role() != Role.COMPANION) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only companions make shift requests");
        }
        return store.requests(List.of(actor.userId()), status, MAX_LIST).stream().map(RequestView::of).toList();
    }

    /** A team's requests, for its supervisor and admins (another team: 404 TEAM_NOT_FOUND). */
    public List<RequestView> ofTeam(Actor actor, String teamId, ShiftRequest.Status status) {
        List<String> companions = access.team(actor, teamId);
        if (companions.isEmpty()) {
            return List.of();
        }
        return store.requests(companions, status, MAX_LIST).stream().map(RequestView::of).toList();
    }

    public RequestView approve(Actor actor, String requestId) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            ShiftRequest request = decidable(actor, requestId);
            request.requirePending();
            access.lockCompanion(request.companionId());
            String result = switch (request.kind()) {
                case NEW_SHIFT -> planning.add(request.companionId(), request.time(), actor.recorded(), now)
                        .shiftId();
                case SHIFT_CHANGE -> planning.move(request.shiftId(), request.companionId(), request.time(), now)
                        .shiftId();
                case DAY_OFF -> {
                    List<Shift> thatDay = store.onDays(List.of(request.companionId()), request.day(), request.day());
                    ShiftRules.requireNoneStartedOn(request.day(), thatDay);
                    for (Shift shift : thatDay) {
                        if (shift.status() == ShiftStatus.PLANNED) {
                            planning.cancel(shift.shiftId(), "day off (request " + requestId + ")", now);
                        }
                    }
                    yield null;
                }
            };
            ShiftRequest approved = request.approved(actor.recorded(), now, result);
            store.update(approved);
            trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(),
                    StaffActionKind.SHIFT_REQUEST_APPROVED, requestId, "PENDING",
                    request.kind() + (result == null ? "" : " " + result), null, now));
            return RequestView.of(approved);
        });
    }

    public RequestView decline(Actor actor, String requestId, String reason) {
        String why = ShiftRules.requireReason(reason);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            ShiftRequest declined = decidable(actor, requestId).declined(actor.recorded(), now, why);
            store.update(declined);
            trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(),
                    StaffActionKind.SHIFT_REQUEST_DECLINED, requestId, "PENDING", declined.kind().name(), why, now));
            return RequestView.of(declined);
        });
    }

    /** The request, locked, for staff reaching its companion; anyone else is told it does not exist. */
    private ShiftRequest decidable(Actor actor, String requestId) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only staff decide shift requests");
        }
        RuleViolation notFound = RuleViolation.notFound(ShiftRules.REQUEST_NOT_FOUND, "no shift request "
                + requestId);
        ShiftRequest request = store.lockRequest(requestId).orElseThrow(() -> notFound);
        if (!access.staffReaches(actor, request.companionId())) {
            throw notFound;
        }
        return request;
    }
}
