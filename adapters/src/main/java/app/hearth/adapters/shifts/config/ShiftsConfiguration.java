package app.hearth.adapters.shifts.config;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.companions.TeamRegistry;
import app.hearth.application.companions.Teams;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.presence.ShiftPresence;
import app.hearth.application.shared.Transactions;
import app.hearth.application.shifts.PresenceHistory;
import app.hearth.application.shifts.ShiftAccess;
import app.hearth.application.shifts.ShiftAdherence;
import app.hearth.application.shifts.ShiftClocking;
import app.hearth.application.shifts.ShiftDeadlines;
import app.hearth.application.shifts.ShiftPlanning;
import app.hearth.application.shifts.ShiftRequests;
import app.hearth.application.shifts.ShiftStore;
import app.hearth.domain.shifts.AdherenceRules;
import app.hearth.domain.shifts.ClockingRules;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the shifts' use cases (ADR 0052). Settings: {@code hearth.shifts.earliest-start} (PT15M, how early a shift
 * may be started), {@code hearth.shifts.missed-after} (PT30M, when a shift not started is missed),
 * {@code hearth.shifts.late-threshold} (PT5M, lateness beyond which LATE_FOR_SHIFT is proposed),
 * {@code hearth.shifts.break-allowance} (PT15M) per started {@code hearth.shifts.break-block} (PT4H) of planned time.
 * The clocking use case is also the handler of the {@code shift-missed} deadlines.
 */
@Configuration(proxyBeanMethods = false)
public class ShiftsConfiguration {

    @Bean
    ClockingRules clockingRules(@Value("${hearth.shifts.earliest-start:PT15M}") Duration earliestStart,
                                @Value("${hearth.shifts.missed-after:PT30M}") Duration missedAfter) {
        return new ClockingRules(earliestStart, missedAfter);
    }

    @Bean
    AdherenceRules adherenceRules(@Value("${hearth.shifts.late-threshold:PT5M}") Duration lateThreshold,
                                  @Value("${hearth.shifts.break-allowance:PT15M}") Duration breakAllowance,
                                  @Value("${hearth.shifts.break-block:PT4H}") Duration breakBlock) {
        return new AdherenceRules(lateThreshold, breakAllowance, breakBlock);
    }

    @Bean
    ShiftAccess shiftAccess(TeamDirectory directory, Teams teams, TeamRegistry teamRegistry,
                            CompanionRegistry companions) {
        return new ShiftAccess(directory, teams, teamRegistry, companions);
    }

    @Bean
    ShiftDeadlines shiftDeadlines(Deadlines deadlines, ClockingRules clocking) {
        return new ShiftDeadlines(deadlines, clocking);
    }

    @Bean
    ShiftPlanning shiftPlanning(ShiftStore store, ShiftAccess access, ShiftDeadlines wakeUps, StaffAuditTrail trail,
                                Transactions transactions, Clock clock) {
        return new ShiftPlanning(store, access, wakeUps, trail, transactions, clock);
    }

    /** Clocking, and the handler of the missed-shift wake-ups (the deadline poller finds every DeadlineHandler). */
    @Bean
    ShiftClocking shiftClocking(ShiftStore store, ShiftAccess access, ShiftDeadlines wakeUps, ShiftPresence presence,
                                ClockingRules clocking, AdherenceRules adherence, Transactions transactions,
                                Clock clock) {
        return new ShiftClocking(store, access, wakeUps, presence, clocking, adherence, transactions, clock);
    }

    @Bean
    ShiftRequests shiftRequests(ShiftStore store, ShiftAccess access, ShiftPlanning planning, StaffAuditTrail trail,
                                Transactions transactions, Clock clock) {
        return new ShiftRequests(store, access, planning, trail, transactions, clock);
    }

    @Bean
    ShiftAdherence shiftAdherence(ShiftStore store, ShiftAccess access, PresenceHistory presence,
                                  AdherenceRules rules, EarningsLedger earnings, ActivityCredits accounts,
                                  StaffAuditTrail trail, Transactions transactions, Clock clock) {
        return new ShiftAdherence(store, access, presence, rules, earnings, accounts, trail, transactions, clock);
    }
}
