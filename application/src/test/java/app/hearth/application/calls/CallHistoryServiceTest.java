package app.hearth.application.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.CallView;
import app.hearth.application.calls.CallQueries.LiveCall;
import app.hearth.application.calls.CallQueries.LiveCounts;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who sees which call, page sizes, and the figures' time range, on an in-memory read model. */
class CallHistoryServiceTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final CallView CALL = new CallView("call-1", "member-1", "companion-1", CallKind.AUDIO, "ended",
            NOW.minusSeconds(600), null, null, NOW.minusSeconds(590), null, "companion-1", 0, 0, false);

    final List<String> asked = new ArrayList<>();
    final CallQueries queries = new CallQueries() {
        @Override
        public Optional<CallView> call(String callId) {
            return CALL.callId().equals(callId) ? Optional.of(CALL) : Optional.empty();
        }

        @Override
        public Page<CallView> history(String userId, String cursor, int limit) {
            asked.add("history " + userId + " " + cursor + " " + limit);
            return new Page<>(List.of(), null);
        }

        @Override
        public List<CallView> live() {
            return List.of();
        }

        @Override
        public boolean inCall(String companionId) {
            return false;
        }

        @Override
        public Map<String, Long> callsOn(Set<String> companionIds, LocalDate day, ZoneId zone) {
            return Map.of();
        }

        @Override
        public List<CallStats> stats(Instant from, Instant to, Reach reach) {
            asked.add("stats " + from + " " + to + (reach instanceof Reach.Everyone ? "" : " " + reach));
            return List.of(new CallStats(null, 1, 0, 0, 0, 0, 0.0, 0),
                    new CallStats("companion-1", 1, 0, 0, 0, 0, 0.0, 0));
        }

        @Override
        public List<LiveCall> liveBoard(Reach reach) {
            asked.add("live " + reach);
            return List.of();
        }

        @Override
        public LiveCounts liveCounts() {
            return new LiveCounts(0, 0);
        }
    };
    /** companion-1 is in the team sup-1 leads; the lookups made. */
    final List<String> teamLookups = new ArrayList<>();
    final TeamDirectory teams = companionId -> {
        teamLookups.add(companionId);
        return "companion-1".equals(companionId) ? Optional.of("sup-1") : Optional.empty();
    };
    final CallHistory history = new CallHistoryService(queries, teams, Clock.fixed(NOW, ZoneOffset.UTC));

    static Actor actor(String userId, Role role) {
        return new Actor(userId, role);
    }

    @Test
    void aCallIsSeenByItsParticipantsAdminsAndTheSupervisorOfItsCompanionsTeamAndNotFoundForAnyoneElse() {
        assertThat(history.call(actor("member-1", Role.MEMBER), "call-1")).isEqualTo(CALL);
        assertThat(history.call(actor("companion-1", Role.COMPANION), "call-1")).isEqualTo(CALL);
        for (Role staff : List.of(Role.ADMIN, Role.SUPERADMIN)) {
            assertThat(history.call(actor("staff-1", staff), "call-1")).isEqualTo(CALL);
        }
        assertThat(teamLookups).as("admins reach every call without a team lookup").isEmpty();
        assertThat(history.call(actor("sup-1", Role.SUPERVISOR), "call-1")).isEqualTo(CALL);
        assertThat(teamLookups).containsExactly("companion-1");
        for (Actor outsider : List.of(actor("member-2", Role.MEMBER), actor("companion-2", Role.COMPANION),
                actor("sup-2", Role.SUPERVISOR))) {
            assertThatThrownBy(() -> history.call(outsider, "call-1")).isInstanceOfSatisfying(RuleViolation.class,
                    refused -> {
                        assertThat(refused.code()).isEqualTo(CallHistory.CALL_NOT_FOUND);
                        assertThat(refused.category()).isEqualTo(RuleViolation.Category.NOT_FOUND);
                        assertThat(refused.getMessage()).isEqualTo("no call call-1");
                    });
        }
        assertThatThrownBy(() -> history.call(actor("member-1", Role.MEMBER), "call-2"))
                .hasMessage("no call call-2");
    }

    @Test
    void myCallsAreTheCallersOwnWithTwentyByDefaultAndAtMostAHundred() {
        history.mine(actor("member-1", Role.MEMBER), "c", 0);
        history.mine(actor("member-1", Role.MEMBER), null, 100);
        assertThat(asked).containsExactly("history member-1 c 20", "history member-1 null 100");
        assertThatThrownBy(() -> history.mine(actor("member-1", Role.MEMBER), null, 101))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                    assertThat(refused.code()).isEqualTo(CallHistory.PAGE_TOO_LARGE);
                    assertThat(refused.field()).isEqualTo("limit");
                });
    }

    @Test
    void theFiguresCoverTheLastDayByDefaultAndRefuseEmptyOrTooLongRanges() {
        Actor admin = actor("admin-1", Role.ADMIN);
        var figures = history.figures(admin, null, null);
        assertThat(figures.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(figures.to()).isEqualTo(NOW);
        assertThat(figures.overall().companionId()).isNull();
        assertThat(figures.companions()).extracting(CallStats::companionId).containsExactly("companion-1");
        history.figures(admin, null, NOW.minusSeconds(3600));
        assertThat(asked.getLast()).isEqualTo("stats " + NOW.minusSeconds(3600).minus(Duration.ofHours(24)) + " "
                + NOW.minusSeconds(3600));

        assertThatThrownBy(() -> history.figures(admin, NOW, NOW)).isInstanceOfSatisfying(RuleViolation.class,
                refused -> assertThat(refused.code()).isEqualTo(CallHistory.EMPTY_TIME_RANGE));
        assertThatThrownBy(() -> history.figures(admin, NOW.minus(Duration.ofDays(93)), NOW))
                .isInstanceOfSatisfying(RuleViolation.class,
                        refused -> assertThat(refused.code()).isEqualTo(CallHistory.TIME_RANGE_TOO_LONG));
        assertThat(history.figures(admin, NOW.minus(Duration.ofDays(92)), NOW).from())
                .isEqualTo(NOW.minus(Duration.ofDays(92)));
    }

    @Test
    void theLiveBoardAndTheFiguresAreForStaffOnly() {
        for (Role role : List.of(Role.MEMBER, Role.COMPANION)) {
            assertThatThrownBy(() -> history.liveBoard(actor("x", role))).isInstanceOfSatisfying(RuleViolation.class,
                    refused -> assertThat(refused.category()).isEqualTo(RuleViolation.Category.FORBIDDEN));
            assertThatThrownBy(() -> history.figures(actor("x", role), null, null))
                    .isInstanceOf(RuleViolation.class);
        }
        assertThat(history.liveBoard(actor("s", Role.SUPERVISOR))).isEmpty();
    }

    @Test
    void aSupervisorsLiveBoardAndFiguresCoverTheirTeamsAndAnAdminsEverything() {
        history.liveBoard(actor("sup-1", Role.SUPERVISOR));
        history.liveBoard(actor("admin-1", Role.ADMIN));
        history.figures(actor("sup-1", Role.SUPERVISOR), null, null);
        history.figures(actor("root-1", Role.SUPERADMIN), null, null);
        Instant from = NOW.minus(Duration.ofHours(24));
        assertThat(asked).containsExactly("live TeamsLedBy[supervisorId=sup-1]", "live Everyone[]",
                "stats " + from + " " + NOW + " TeamsLedBy[supervisorId=sup-1]", "stats " + from + " " + NOW);
    }
}
