package app.hearth.domain.shifts;

import app.hearth.domain.presence.PresenceState;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Adherence, per shift. Late: from the planned start to the clock-in (none when started early). Left early: from the
 * clock-out to the planned end. Break allowance: {@code breakAllowance} per started {@code breakBlock} of the
 * shift's planned length (defaults: 15 minutes per started 4 hours, so an 8-hour shift allows 30 minutes and an
 * 8h01 one 45); the overrun is the breaks' total beyond it. Away: the time between clock-in and clock-out (or now)
 * during which the companion's presence was {@code AWAY}. A shift started more than {@code lateThreshold} late
 * proposes a {@code LATE_FOR_SHIFT} penalty; a missed shift proposes {@code MISSED_SHIFT}.
 */
public record AdherenceRules(Duration lateThreshold, Duration breakAllowance, Duration breakBlock) {

    public static final AdherenceRules DEFAULTS = new AdherenceRules(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(4));

    public AdherenceRules {
        RuleViolation.require(lateThreshold, "lateThreshold");
        RuleViolation.require(breakAllowance, "breakAllowance");
        RuleViolation.require(breakBlock, "breakBlock");
        if (lateThreshold.isNegative() || breakAllowance.isNegative() || !breakBlock.isPositive()) {
            throw new IllegalArgumentException("adherence settings must not be negative, the block positive");
        }
    }

    /** How late the shift was started (zero when on time or early, or not started). */
    public Duration late(Shift shift) {
        if (shift.startedAt() == null) {
            return Duration.ZERO;
        }
        Duration late = Duration.between(shift.planned().startInstant(), shift.startedAt());
        return late.isNegative() ? Duration.ZERO : late;
    }

    /** The penalty a shift proposes once it is started or missed, if any. */
    public Optional<String> proposal(Shift shift) {
        if (shift.status() == ShiftStatus.MISSED) {
            return Optional.of(PenaltyProposal.MISSED_SHIFT);
        }
        if (shift.startedAt() != null && late(shift).compareTo(lateThreshold) > 0) {
            return Optional.of(PenaltyProposal.LATE_FOR_SHIFT);
        }
        return Optional.empty();
    }

    /** The break time a shift of this planned length allows. */
    public Duration allowance(PlannedTime planned) {
        long length = planned.length().toNanos();
        long block = breakBlock.toNanos();
        long blocks = (length + block - 1) / block;
        return breakAllowance.multipliedBy(blocks);
    }

    /**
     * The shift's adherence at {@code now}; {@code presence} holds the companion's presence changes around the shift
     * (the last one at or before its start, and those during it), in any order.
     */
    public Adherence of(Shift shift, List<PresenceChange> presence, Instant now) {
        if (shift.status() == ShiftStatus.MISSED) {
            return new Adherence(0, 0, 0, minutes(allowance(shift.planned())), 0, 0, true);
        }
        if (shift.startedAt() == null) {
            return new Adherence(0, 0, 0, minutes(allowance(shift.planned())), 0, 0, false);
        }
        Instant until = shift.endedAt() != null ? shift.endedAt() : now;
        Duration leftEarly = Duration.ZERO;
        if (shift.endedAt() != null && shift.endedAt().isBefore(shift.planned().endInstant())) {
            leftEarly = Duration.between(shift.endedAt(), shift.planned().endInstant());
        }
        Duration breaks = shift.breaks().stream().map(b -> b.length(until)).reduce(Duration.ZERO, Duration::plus);
        Duration allowance = allowance(shift.planned());
        Duration overrun = breaks.compareTo(allowance) > 0 ? breaks.minus(allowance) : Duration.ZERO;
        Duration away = timeIn(PresenceState.AWAY, presence, shift.startedAt(), until);
        return new Adherence(minutes(late(shift)), minutes(leftEarly), minutes(breaks), minutes(allowance),
                minutes(overrun), minutes(away), false);
    }

    /** The time between {@code from} and {@code to} in which the last change said {@code state}. */
    public static Duration timeIn(PresenceState state, List<PresenceChange> changes, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        var sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(PresenceChange::at));
        Duration total = Duration.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            PresenceChange change = sorted.get(i);
            if (change.state() != state) {
                continue;
            }
            Instant start = change.at().isBefore(from) ? from : change.at();
            Instant end = i + 1 < sorted.size() ? sorted.get(i + 1).at() : to;
            if (end.isAfter(to)) {
                end = to;
            }
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    private static int minutes(Duration duration) {
        return (int) duration.toMinutes();
    }
}
