package app.hearth.application.calls;

import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.CallView;
import app.hearth.application.calls.CallQueries.LiveCall;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.calls.CallDecider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Calls as their participants and the operators read them (ADR 0023). A call is seen by its member, its companion,
 * admins and superadmins, and the supervisor of the team its companion is in now (ADR 0034); to anyone else it does
 * not exist ({@link #CALL_NOT_FOUND}, never 403). The live board and the figures are for staff only, and a
 * supervisor's hold only the calls of the companions of the teams they lead.
 */
@PrimaryPort
public interface CallHistory {

    String CALL_NOT_FOUND = CallDecider.CALL_NOT_FOUND;
    String PAGE_TOO_LARGE = "PAGE_TOO_LARGE";
    String EMPTY_TIME_RANGE = "EMPTY_TIME_RANGE";
    String TIME_RANGE_TOO_LONG = "TIME_RANGE_TOO_LONG";
    int DEFAULT_PAGE = 20;
    int MAX_PAGE = 100;
    /** The figures' range when none is given: the last 24 hours. */
    Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** The longest range the figures are computed over. */
    Duration MAX_RANGE = Duration.ofDays(92);

    /** The figures over [{@code from}, {@code to}): overall, then per companion (by companion id). */
    record CallFigures(Instant from, Instant to, CallStats overall, List<CallStats> companions) {
    }

    /**
     * One call, for its participants and the staff who reach its companion; {@link #CALL_NOT_FOUND} for anyone else
     * and for unknown ids.
     */
    CallView call(Actor viewer, String callId);

    /**
     * The viewer's own calls, as member or as companion, newest first; {@code limit} 1 to {@link #MAX_PAGE}, the
     * default {@link #DEFAULT_PAGE} when 0 or less.
     */
    Page<CallView> mine(Actor viewer, String cursor, int limit);

    /**
     * Every call that has not ended, oldest first, with its last proof and whether it is orphaned (staff; a
     * supervisor's: those of their teams' companions).
     */
    List<LiveCall> liveBoard(Actor viewer);

    /**
     * The figures of the calls requested in [{@code from}, {@code to}) (staff; a supervisor's: those of their teams'
     * companions, overall included); {@code to} defaults to now and
     * {@code from} to {@link #DEFAULT_RANGE} before {@code to}; at most {@link #MAX_RANGE}.
     */
    CallFigures figures(Actor viewer, Instant from, Instant to);
}
