package app.hearth.application.shifts;

import app.hearth.application.deadlines.DeadlineHandler;
import app.hearth.application.presence.ShiftPresence;
import app.hearth.application.shared.Transactions;
import app.hearth.application.shifts.ShiftViews.ShiftView;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shifts.AdherenceRules;
import app.hearth.domain.shifts.ClockingRules;
import app.hearth.domain.shifts.PenaltyProposal;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRules;
import app.hearth.domain.shifts.ShiftStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Clocking: a companion starts their planned shift (from 15 minutes before its planned start until it is missed;
 * one started shift at a time), takes breaks and stops. Each clocking tells presence ({@link ShiftPresence}) in its
 * own transaction. Starting late beyond the threshold proposes {@code LATE_FOR_SHIFT}. The missed wake-up (kind
 * {@code shift-missed}) marks a planned shift not started in time MISSED and proposes {@code MISSED_SHIFT}.
 */
public class ShiftClocking implements DeadlineHandler {

    private final ShiftStore store;
    private final ShiftAccess access;
    private final ShiftDeadlines wakeUps;
    private final ShiftPresence presence;
    private final ClockingRules clocking;
    private final AdherenceRules adherence;
    private final Transactions transactions;
    private final Clock clock;

    public ShiftClocking(ShiftStore store, ShiftAccess access, ShiftDeadlines wakeUps, ShiftPresence presence, ClockingRules clocking,
                         AdherenceRules adherence, Transactions transactions, Clock clock) {
        this.store = store;
        this.access = access;
        this.wakeUps = wakeUps;
        this.presence = presence;
        this.clocking = clocking;
        this.adherence = adherence;
        this.transactions = transactions;
        this.clock = clock;
    }

    public ShiftView start(Actor actor, String shiftId) {
        return ShiftView.of(transactions.inTransaction(() -> {
            Instant now = clock.instant();
            if (actor.role() == Role.COMPANION) {
                access.lockCompanion(actor.userId()); // one started shift at a time: starts queue per companion
            }
            Shift shift = own(actor, shiftId, true);
            store.started(actor.userId()).filter(other -> !other.shiftId().equals(shiftId)).ifPresent(other -> {
                throw RuleViolation.conflict(ShiftRules.ANOTHER_SHIFT_STARTED, "shift " + other.shiftId()
                        + " is started; stop it first");
            });
            Shift started = clocking.start(shift, now);
            store.update(started, now);
            wakeUps.done(shiftId);
            presence.shiftStarted(started.companionId(), shiftId, now);
            adherence.proposal(started).ifPresent(policy -> propose(started, policy, now));
            return started;
        }));
    }

    public ShiftView startBreak(Actor actor, String shiftId) {
        return clock(actor, shiftId, clocking::startBreak,
                (shift, now) -> presence.breakStarted(shift.companionId(), shiftId, now));
    }

    public ShiftView endBreak(Actor actor, String shiftId) {
        return clock(actor, shiftId, clocking::endBreak,
                (shift, now) -> presence.breakEnded(shift.companionId(), shiftId, now));
    }

    public ShiftView stop(Actor actor, String shiftId) {
        return clock(actor, shiftId, clocking::stop,
                (shift, now) -> presence.shiftEnded(shift.companionId(), shiftId, now));
    }

    private interface Told {
        void tell(Shift shift, Instant at);
    }

    private ShiftView clock(Actor actor, String shiftId, BiFunction<Shift, Instant, Shift> rule, Told told) {
        return ShiftView.of(transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Shift changed = rule.apply(own(actor, shiftId, false), now);
            store.update(changed, now);
            told.tell(changed, now);
            return changed;
        }));
    }

    /** The caller's own shift, locked (its wake-up first when it may still have one); anyone else's: 404. */
    private Shift own(Actor actor, String shiftId, boolean mayHaveWakeUp) {
        if (actor.role() != Role.COMPANION) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only the companion clocks their shift");
        }
        if (mayHaveWakeUp) {
            wakeUps.lock(shiftId);
        }
        return store.lock(shiftId).filter(shift -> shift.companionId().equals(actor.userId()))
                .orElseThrow(() -> ShiftPlanning.notFound(shiftId));
    }

    @Override
    public String kind() {
        return ShiftDeadlines.KIND;
    }

    /** The wake-up: a planned shift not started by now is missed; one moved later is woken again then. */
    @Override
    public Optional<Instant> fire(String shiftId, Instant due, Instant now) {
        Optional<Shift> found = store.lock(shiftId);
        if (found.isEmpty() || found.get().status() != ShiftStatus.PLANNED) {
            return Optional.empty();
        }
        Shift shift = found.get();
        if (!clocking.isMissed(shift, now)) {
            return Optional.of(clocking.missedAt(shift));
        }
        Shift missed = clocking.miss(shift, now);
        store.update(missed, now);
        adherence.proposal(missed).ifPresent(policy -> propose(missed, policy, now));
        return Optional.empty();
    }

    private void propose(Shift shift, String policy, Instant now) {
        String proposalId = UUID.nameUUIDFromBytes((shift.shiftId() + "\n" + policy)
                .getBytes(StandardCharsets.UTF_8)).toString();
        store.propose(PenaltyProposal.proposed(proposalId, shift, policy, (int) adherence.late(shift).toMinutes(),
                now));
    }
}
