package app.hearth.domain.shifts;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.presence.PresenceState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Minutes late, left early, break allowance and overrun, away time, missed, and what is proposed. */
class AdherenceRulesTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final AdherenceRules RULES = AdherenceRules.DEFAULTS;
    static final ClockingRules CLOCKING = ClockingRules.DEFAULTS;
    static final Instant START = Instant.parse("2026-06-10T08:00:00Z"); // 09:00 in London

    static Shift eightHours() {
        return Shift.planned("s1", "k1", new PlannedTime(LocalDateTime.parse("2026-06-10T09:00"),
                LocalDateTime.parse("2026-06-10T17:00"), LONDON), "supervisor:s1", Instant.EPOCH);
    }

    static Instant at(int minutes) {
        return START.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void breakAllowanceIsFifteenMinutesPerStartedFourHours() {
        assertThat(RULES.allowance(eightHours().planned())).isEqualTo(Duration.ofMinutes(30));
        assertThat(RULES.allowance(new PlannedTime(LocalDateTime.parse("2026-06-10T09:00"),
                LocalDateTime.parse("2026-06-10T17:01"), LONDON))).isEqualTo(Duration.ofMinutes(45));
        assertThat(RULES.allowance(new PlannedTime(LocalDateTime.parse("2026-06-10T09:00"),
                LocalDateTime.parse("2026-06-10T10:00"), LONDON))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aShiftStartedLateStoppedEarlyWithLongBreaksAndAwayTime() {
        Shift s = CLOCKING.start(eightHours(), at(12).plusSeconds(40));
        s = CLOCKING.startBreak(s, at(120));
        s = CLOCKING.endBreak(s, at(145));
        s = CLOCKING.startBreak(s, at(300));
        s = CLOCKING.endBreak(s, at(320));
        s = CLOCKING.stop(s, at(450));
        var presence = List.of(
                new PresenceChange(PresenceState.AWAY, at(-60)),          // before the shift: counted from clock-in
                new PresenceChange(PresenceState.AVAILABLE, at(20)),
                new PresenceChange(PresenceState.AWAY, at(200)),
                new PresenceChange(PresenceState.AVAILABLE, at(230)),
                new PresenceChange(PresenceState.AWAY, at(440)),
                new PresenceChange(PresenceState.OFFLINE, at(460)));     // after clock-out: not counted
        Adherence adherence = RULES.of(s, presence, at(600));
        assertThat(adherence).isEqualTo(new Adherence(12, 30, 45, 30, 15, 7 + 30 + 10, false));
        assertThat(RULES.proposal(s)).contains(PenaltyProposal.LATE_FOR_SHIFT);
    }

    @Test
    void lateWithinTheThresholdProposesNothingAndAnEarlyStartIsNotLate() {
        assertThat(RULES.proposal(CLOCKING.start(eightHours(), at(5)))).isEmpty();
        assertThat(RULES.proposal(CLOCKING.start(eightHours(), at(5).plusSeconds(1))))
                .contains(PenaltyProposal.LATE_FOR_SHIFT);
        Shift early = CLOCKING.start(eightHours(), at(-10));
        assertThat(RULES.late(early)).isZero();
        assertThat(RULES.of(early, List.of(), at(30)).minutesLate()).isZero();
    }

    @Test
    void aShiftGoingOnIsMeasuredUpToNowAnOpenBreakIncluded() {
        Shift s = CLOCKING.startBreak(CLOCKING.start(eightHours(), at(0)), at(60));
        Adherence now = RULES.of(s, List.of(new PresenceChange(PresenceState.AWAY, at(0))), at(100));
        assertThat(now.breakMinutes()).isEqualTo(40);
        assertThat(now.breakOverrunMinutes()).isEqualTo(10);
        assertThat(now.awayMinutes()).isEqualTo(100);
        assertThat(now.minutesLeftEarly()).isZero();
    }

    @Test
    void aMissedShiftIsMissedAndProposesMissedShift() {
        Shift missed = CLOCKING.miss(eightHours(), at(30));
        assertThat(RULES.of(missed, List.of(), at(600)).missed()).isTrue();
        assertThat(RULES.proposal(missed)).contains(PenaltyProposal.MISSED_SHIFT);
        assertThat(RULES.proposal(eightHours())).isEmpty();
    }
}
