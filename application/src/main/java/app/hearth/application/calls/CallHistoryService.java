package app.hearth.application.calls;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.CallView;
import app.hearth.application.calls.CallQueries.LiveCall;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads the calls' read model for people, with the object-level checks of {@link CallHistory}. Which staff reach a
 * call is {@link CompanionScope}'s rule on the call's companion, by the team the companion is in now.
 */
public class CallHistoryService implements CallHistory {

    private final CallQueries queries;
    private final TeamDirectory teams;
    private final Clock clock;

    public CallHistoryService(CallQueries queries, TeamDirectory teams, Clock clock) {
        this.queries = queries;
        this.teams = teams;
        this.clock = clock;
    }

    @Override
    public CallView call(Actor viewer, String callId) {
        return queries.call(callId)
                .filter(call -> viewer.userId().equals(call.memberId()) || viewer.userId().equals(call.companionId())
                        || CompanionScope.reachOf(viewer).covers(call.companionId(), teams::supervisorOf))
                .orElseThrow(() -> RuleViolation.notFound(CALL_NOT_FOUND, "no call " + callId));
    }

    @Override
    public Page<CallView> mine(Actor viewer, String cursor, int limit) {
        if (limit > MAX_PAGE) {
            throw RuleViolation.invalid(PAGE_TOO_LARGE, "limit", "a page holds at most " + MAX_PAGE + " calls");
        }
        return queries.history(viewer.userId(), cursor, limit <= 0 ? DEFAULT_PAGE : limit);
    }

    @Override
    public List<LiveCall> liveBoard(Actor viewer) {
        requireStaff(viewer);
        return queries.liveBoard(CompanionScope.reachOf(viewer));
    }

    @Override
    public CallFigures figures(Actor viewer, Instant from, Instant to) {
        requireStaff(viewer);
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw RuleViolation.invalid(EMPTY_TIME_RANGE, "from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw RuleViolation.invalid(TIME_RANGE_TOO_LONG, "from", "the figures cover at most "
                    + MAX_RANGE.toDays() + " days");
        }
        List<CallStats> stats = queries.stats(start, end, CompanionScope.reachOf(viewer));
        return new CallFigures(start, end, stats.getFirst(), List.copyOf(stats.subList(1, stats.size())));
    }

    private static boolean isStaff(Actor viewer) {
        return viewer.role().isSupervisorOrAbove();
    }

    private static void requireStaff(Actor viewer) {
        if (!isStaff(viewer)) {
            throw RuleViolation.forbidden("ACCESS_DENIED", "only staff see the calls of others");
        }
    }
}
