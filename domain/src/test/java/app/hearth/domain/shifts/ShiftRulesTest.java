package app.hearth.domain.shifts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.presence.PresenceState;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planned time, overlaps, clocking windows, missed shifts, requests and penalty proposals. */
class ShiftRulesTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ClockingRules CLOCKING = ClockingRules.DEFAULTS;

    static PlannedTime time(String start, String end, ZoneId zone) {
        return new PlannedTime(LocalDateTime.parse(start), LocalDateTime.parse(end), zone);
    }

    static Shift shift(String id, PlannedTime time) {
        return Shift.planned(id, "k1", time, "supervisor:s1", Instant.parse("2026-01-01T00:00:00Z"));
    }

    static String code(Runnable action) {
        try {
            action.run();
        } catch (RuleViolation refused) {
            return refused.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aNightShiftCrossesMidnightAndBelongsToTheDayItStarts() {
        PlannedTime night = time("2026-06-10T22:00", "2026-06-11T06:00", LONDON);
        assertThat(night.length()).isEqualTo(Duration.ofHours(8));
        assertThat(night.day()).isEqualTo(LocalDate.parse("2026-06-10"));
        assertThat(night.startInstant()).isEqualTo(Instant.parse("2026-06-10T21:00:00Z")); // BST
        assertThat(time("2026-06-10T22:00", "2026-06-11T06:00", TOKYO).startInstant())
                .isEqualTo(Instant.parse("2026-06-10T13:00:00Z"));
    }

    @Test
    void aNightShiftAcrossAClockChangeIsAnHourShorterInSpringAndLongerInAutumn() {
        assertThat(time("2026-03-28T22:00", "2026-03-29T06:00", LONDON).length()).isEqualTo(Duration.ofHours(7));
        assertThat(time("2026-10-24T22:00", "2026-10-25T06:00", LONDON).length()).isEqualTo(Duration.ofHours(9));
        // a local time the clocks skip is read after the gap; an hour that happens twice is its first occurrence
        assertThat(time("2026-03-29T01:30", "2026-03-29T05:00", LONDON).startInstant())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(time("2026-10-25T01:30", "2026-10-25T05:00", LONDON).startInstant())
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void aShiftEndsAfterItStartsAndLastsAtMostSixteenHours() {
        assertThat(code(() -> time("2026-06-10T10:00", "2026-06-10T10:00", LONDON)))
                .isEqualTo(ShiftRules.ENDS_BEFORE_START);
        assertThat(code(() -> time("2026-06-10T10:00", "2026-06-10T09:00", LONDON)))
                .isEqualTo(ShiftRules.ENDS_BEFORE_START);
        assertThat(code(() -> time("2026-06-10T06:00", "2026-06-10T22:01", LONDON))).isEqualTo(ShiftRules.TOO_LONG);
        assertThat(time("2026-06-10T06:00", "2026-06-10T22:00", LONDON).length()).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void aCompanionsShiftsNeverOverlapButMayTouchAndACancelledOneFreesItsTime() {
        Shift morning = shift("s1", time("2026-06-10T08:00", "2026-06-10T12:00", LONDON));
        Shift night = shift("s2", time("2026-06-10T22:00", "2026-06-11T06:00", LONDON));
        var others = List.of(morning, night);
        ShiftRules.requireNoOverlap(time("2026-06-10T12:00", "2026-06-10T16:00", LONDON), others, null);
        assertThat(code(() -> ShiftRules.requireNoOverlap(time("2026-06-10T11:59", "2026-06-10T16:00", LONDON),
                others, null))).isEqualTo(ShiftRules.OVERLAPS);
        // across midnight: the next morning's early shift overlaps the night shift
        assertThat(code(() -> ShiftRules.requireNoOverlap(time("2026-06-11T05:00", "2026-06-11T09:00", LONDON),
                others, null))).isEqualTo(ShiftRules.OVERLAPS);
        // the moved shift itself does not count; a cancelled one holds no time
        ShiftRules.requireNoOverlap(time("2026-06-10T09:00", "2026-06-10T13:00", LONDON), others, "s1");
        ShiftRules.requireNoOverlap(time("2026-06-10T09:00", "2026-06-10T13:00", LONDON),
                List.of(morning.cancelled("ill"), night), null);
        // zones count: 08:00-12:00 in Tokyo is 00:00-04:00 in London (summer)
        ShiftRules.requireNoOverlap(time("2026-06-10T08:00", "2026-06-10T12:00", TOKYO), others, null);
    }

    @Test
    void noShiftIsPlannedOnADayOffAndANightShiftBelongsToTheDayItStarts() {
        var daysOff = List.of(LocalDate.parse("2026-06-11"));
        PlannedTime onTheDay = time("2026-06-11T09:00", "2026-06-11T17:00", LONDON);
        RuleViolation refused = catchViolation(() -> ShiftRules.requireNotOnDayOff(onTheDay, daysOff));
        assertThat(refused.code()).isEqualTo(ShiftRules.DAY_OFF);
        assertThat(refused.category()).isEqualTo(RuleViolation.Category.CONFLICT);
        assertThat(refused.field()).isEqualTo("start");
        // the night before ends on the day off but belongs to the day it starts on; the day after is free
        ShiftRules.requireNotOnDayOff(time("2026-06-10T22:00", "2026-06-11T06:00", LONDON), daysOff);
        ShiftRules.requireNotOnDayOff(time("2026-06-12T00:00", "2026-06-12T08:00", LONDON), daysOff);
        ShiftRules.requireNotOnDayOff(onTheDay, List.of());
        // a night shift starting on the day off is on it
        assertThat(code(() -> ShiftRules.requireNotOnDayOff(time("2026-06-11T22:00", "2026-06-12T06:00", LONDON),
                daysOff))).isEqualTo(ShiftRules.DAY_OFF);
    }

    @Test
    void aDayOffIsNotApprovedOverAShiftStartedThatDayButPlannedEndedOrMissedOnesDoNotStopIt() {
        LocalDate day = LocalDate.parse("2026-06-10");
        Shift planned = shift("s1", time("2026-06-10T09:00", "2026-06-10T12:00", LONDON));
        Shift started = CLOCKING.start(shift("s2", time("2026-06-10T13:00", "2026-06-10T17:00", LONDON)),
                Instant.parse("2026-06-10T12:00:00Z"));
        Shift ended = CLOCKING.stop(CLOCKING.start(shift("s3", time("2026-06-10T18:00", "2026-06-10T20:00", LONDON)),
                Instant.parse("2026-06-10T17:00:00Z")), Instant.parse("2026-06-10T19:00:00Z"));
        Shift missed = CLOCKING.miss(shift("s4", time("2026-06-10T20:00", "2026-06-10T21:00", LONDON)),
                Instant.parse("2026-06-10T19:30:00Z"));
        ShiftRules.requireNoneStartedOn(day, List.of(planned, ended, missed));
        RuleViolation refused = catchViolation(() -> ShiftRules.requireNoneStartedOn(day,
                List.of(planned, started, ended)));
        assertThat(refused.code()).isEqualTo(ShiftRules.SHIFT_STARTED_ON_DAY);
        assertThat(refused.category()).isEqualTo(RuleViolation.Category.CONFLICT);
        assertThat(refused.field()).isEqualTo("day");
        // a started shift of another day (the night before, running into this one) is not that day's
        ShiftRules.requireNoneStartedOn(day.plusDays(1), List.of(started));
    }

    static RuleViolation catchViolation(Runnable action) {
        try {
            action.run();
        } catch (RuleViolation refused) {
            return refused;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aShiftStartsFromFifteenMinutesBeforeItsPlannedStartUntilItIsMissed() {
        Shift s = shift("s1", time("2026-06-10T09:00", "2026-06-10T17:00", LONDON)); // 08:00Z
        Instant planned = Instant.parse("2026-06-10T08:00:00Z");
        assertThat(code(() -> CLOCKING.start(s, planned.minusSeconds(15 * 60 + 1))))
                .isEqualTo(ShiftRules.TOO_EARLY_TO_START);
        assertThat(CLOCKING.start(s, planned.minusSeconds(15 * 60)).status()).isEqualTo(ShiftStatus.STARTED);
        assertThat(CLOCKING.start(s, planned.plusSeconds(30 * 60 - 1)).startedAt())
                .isEqualTo(planned.plusSeconds(30 * 60 - 1));
        assertThat(code(() -> CLOCKING.start(s, planned.plusSeconds(30 * 60))))
                .isEqualTo(ShiftRules.TOO_LATE_TO_START);
        assertThat(code(() -> CLOCKING.start(CLOCKING.start(s, planned), planned)))
                .isEqualTo(ShiftRules.NOT_PLANNED);
    }

    @Test
    void aShiftNotStartedThirtyMinutesAfterItsPlannedStartIsMissed() {
        Shift s = shift("s1", time("2026-03-28T22:00", "2026-03-29T06:00", LONDON));
        Instant planned = Instant.parse("2026-03-28T22:00:00Z");
        assertThat(CLOCKING.missedAt(s)).isEqualTo(planned.plusSeconds(1800));
        assertThat(CLOCKING.isMissed(s, planned.plusSeconds(1799))).isFalse();
        assertThat(CLOCKING.isMissed(s, planned.plusSeconds(1800))).isTrue();
        assertThat(CLOCKING.miss(s, planned.plusSeconds(1800)).status()).isEqualTo(ShiftStatus.MISSED);
        assertThat(CLOCKING.isMissed(CLOCKING.start(s, planned), planned.plusSeconds(7200))).isFalse();
        assertThat(code(() -> CLOCKING.miss(s, planned))).isEqualTo(ShiftRules.NOT_PLANNED);
    }

    @Test
    void breaksHappenInAStartedShiftOneAtATimeAndStoppingEndsAnOpenOne() {
        Shift s = shift("s1", time("2026-06-10T09:00", "2026-06-10T17:00", LONDON));
        Instant t = Instant.parse("2026-06-10T08:00:00Z");
        assertThat(code(() -> CLOCKING.startBreak(s, t))).isEqualTo(ShiftRules.NOT_STARTED);
        Shift started = CLOCKING.start(s, t);
        assertThat(code(() -> CLOCKING.endBreak(started, t))).isEqualTo(ShiftRules.NOT_ON_BREAK);
        Shift onBreak = CLOCKING.startBreak(started, t.plusSeconds(3600));
        assertThat(onBreak.onBreak()).isTrue();
        assertThat(code(() -> CLOCKING.startBreak(onBreak, t.plusSeconds(3700)))).isEqualTo(ShiftRules.ALREADY_ON_BREAK);
        Shift back = CLOCKING.endBreak(onBreak, t.plusSeconds(4200));
        assertThat(back.breaks()).containsExactly(new BreakSpan(t.plusSeconds(3600), t.plusSeconds(4200)));
        Shift stopped = CLOCKING.stop(CLOCKING.startBreak(back, t.plusSeconds(7200)), t.plusSeconds(7500));
        assertThat(stopped.status()).isEqualTo(ShiftStatus.ENDED);
        assertThat(stopped.endedAt()).isEqualTo(t.plusSeconds(7500));
        assertThat(stopped.breaks().getLast()).isEqualTo(new BreakSpan(t.plusSeconds(7200), t.plusSeconds(7500)));
        assertThat(code(() -> CLOCKING.stop(stopped, t.plusSeconds(8000)))).isEqualTo(ShiftRules.NOT_STARTED);
    }

    @Test
    void aRequestIsDecidedOnceAndADeclineNeedsAReason() {
        var pending = ShiftRequest.pending("r1", "k1", ShiftRequest.Kind.DAY_OFF, null, LocalDate.parse("2026-06-10"),
                null, " family ", Instant.EPOCH);
        assertThat(pending.note()).isEqualTo("family");
        assertThat(code(() -> pending.declined("supervisor:s1", Instant.EPOCH, " "))).isEqualTo(ShiftRules.REASON_REQUIRED);
        var declined = pending.declined("supervisor:s1", Instant.EPOCH, "short-staffed");
        assertThat(declined.status()).isEqualTo(ShiftRequest.Status.DECLINED);
        assertThat(declined.reason()).isEqualTo("short-staffed");
        assertThat(code(() -> declined.approved("admin:a", Instant.EPOCH, null))).isEqualTo(ShiftRules.REQUEST_DECIDED);
        var approved = pending.approved("supervisor:s1", Instant.EPOCH, null);
        assertThat(approved.status()).isEqualTo(ShiftRequest.Status.APPROVED);
        assertThat(code(() -> approved.declined("supervisor:s1", Instant.EPOCH, "no"))).isEqualTo(ShiftRules.REQUEST_DECIDED);
        assertThat(code(() -> ShiftRequest.pending("r2", "k1", ShiftRequest.Kind.SHIFT_CHANGE,
                time("2026-06-10T09:00", "2026-06-10T17:00", LONDON), null, null, null, Instant.EPOCH)))
                .isEqualTo("FIELD_REQUIRED");
    }

    @Test
    void aProposalIsConfirmedOrDismissedOnce() {
        Shift s = shift("s1", time("2026-06-10T09:00", "2026-06-10T17:00", LONDON));
        var proposed = PenaltyProposal.proposed("p1", s, PenaltyProposal.MISSED_SHIFT, 0, Instant.EPOCH);
        assertThat(proposed.caseId()).isEqualTo("shift-proposal:p1");
        var confirmed = proposed.confirmed("supervisor:s1", Instant.EPOCH, "e1");
        assertThat(code(() -> confirmed.dismissed("supervisor:s1", Instant.EPOCH, "sorry")))
                .isEqualTo(ShiftRules.PROPOSAL_DECIDED);
        assertThat(code(() -> proposed.dismissed("supervisor:s1", Instant.EPOCH, ""))).isEqualTo(ShiftRules.REASON_REQUIRED);
        assertThat(proposed.dismissed("supervisor:s1", Instant.EPOCH, "train strike").status())
                .isEqualTo(PenaltyProposal.Status.DISMISSED);
    }
}
