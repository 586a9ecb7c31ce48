package app.hearth.adapters.calls.web;

import app.hearth.application.calls.CallHistory;
import app.hearth.application.routing.RoutingDecisions;
import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.CallView;
import app.hearth.application.calls.CallQueries.LiveCall;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading calls (ADR 0023): one call for its participants and staff, the caller's own history, and the operators'
 * live board and figures. The read model may lag the call's events by a moment. Starting, answering and ending
 * calls are other routes.
 */
@RestController
@Tag(name = "Call history", description = "Calls as their participants and the operators read them")
public class CallHistoryController {

    public static final String CALL = "/api/v1/calls/{callId}";
    public static final String MY_CALLS = "/api/v1/me/calls";
    public static final String LIVE = "/api/v1/admin/calls/live";
    public static final String STATS = "/api/v1/admin/calls/stats";

    /**
     * One call. {@code kind}: audio, video; {@code state}: ringing, accepted, connected, ended; {@code endReason}: the
     * stable end reason name (HUNG_UP_BY_MEMBER, ..., as in the call's {@code ended} signal), null until it ends.
     */
    public record CallResponse(String callId, String memberId, String companionId, String kind, String state,
                               Instant requestedAt, Instant acceptedAt, Instant connectedAt, Instant endedAt,
                               String endReason, String endedBy, long connectedSeconds, long billableSeconds,
                               boolean completed, CallRoutingResponse routing) {
        static CallResponse of(CallView call) {
            return of(call, null);
        }

        static CallResponse of(CallView call, CallRoutingResponse routing) {
            return new CallResponse(call.callId(), call.memberId(), call.companionId(),
                    call.kind().name().toLowerCase(Locale.ROOT), call.state(), call.requestedAt(), call.acceptedAt(),
                    call.connectedAt(), call.endedAt(), call.endReason() == null ? null : call.endReason().name(),
                    call.endedBy(), call.connectedSeconds(), call.billableSeconds(), call.completed(), routing);
        }
    }

    /** One page of calls, newest first; {@code nextCursor} is null on the last page. */
    public record CallPageResponse(List<CallResponse> items, String nextCursor) {
    }

    /**
     * A call that has not ended, on the live board at {@code asOf}: {@code lastProofAt} is the last moment both sides
     * were proven present (null before the connect), {@code mustEndBy} when the rules say it must have ended, and
     * {@code orphaned} whether it is more than 15 s past that.
     */
    public record LiveCallResponse(String callId, String memberId, String companionId, String kind, String state,
                                   Instant requestedAt, Instant acceptedAt, Instant connectedAt, Instant lastProofAt,
                                   Long secondsSinceLastProof, Instant coveredUntil, boolean coverageFailing,
                                   Instant mustEndBy, boolean orphaned, Instant asOf) {
        static LiveCallResponse of(LiveCall live) {
            CallView call = live.call();
            return new LiveCallResponse(call.callId(), call.memberId(), call.companionId(),
                    call.kind().name().toLowerCase(Locale.ROOT), call.state(), call.requestedAt(), call.acceptedAt(),
                    call.connectedAt(), live.lastProofAt(), live.secondsSinceLastProof(), live.coveredUntil(),
                    live.coverageFailing(), live.mustEndBy(), live.orphaned(), live.asOf());
        }
    }

    /** The live board: every call that has not ended, oldest first, and how many of them are orphaned. */
    public record LiveBoardResponse(int active, long orphaned, List<LiveCallResponse> calls) {
    }

    /** Figures of the calls requested in a range, overall ({@code companionId} null) or for one companion. */
    public record CallStatsResponse(String companionId, long requested, long connected, long completed, long active,
                                    long orphaned, double completionRate, long averageConnectedSeconds) {
        static CallStatsResponse of(CallStats stats) {
            return new CallStatsResponse(stats.companionId(), stats.requested(), stats.connected(), stats.completed(),
                    stats.active(), stats.orphaned(), stats.completionRate(), stats.averageConnectedSeconds());
        }
    }

    /** The figures over [{@code from}, {@code to}): overall, then one per companion that had calls, by id. */
    public record CallFiguresResponse(Instant from, Instant to, CallStatsResponse overall,
                                      List<CallStatsResponse> companions) {
    }

    private final CallHistory calls;

    /** Why routing chose this call's companion, for the call's member only (null otherwise, and for direct calls). */
    public record CallRoutingResponse(String rule, String explanation) {
    }

    private final RoutingDecisions routing;

    public CallHistoryController(CallHistory calls, RoutingDecisions routing) {
        this.calls = calls;
        this.routing = routing;
    }

    @GetMapping(CALL)
    @Operation(operationId = "getCall",
            summary = "One call (its member, its companion, staff); 404 CALL_NOT_FOUND for anyone else; for its member, "
            + "routing: why routing chose the companion of a call for anyone")
    public CallResponse call(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        CallView call = calls.call(actor, callId);
        return CallResponse.of(call, routing.forCall(actor, callId)
                .map(why -> new CallRoutingResponse(why.rule(), why.explanation())).orElse(null));
    }

    @GetMapping(MY_CALLS)
    @Operation(operationId = "listMyCalls",
            summary = "The caller's calls as member or companion, newest first, with cursor pagination "
            + "(limit 1-100, default 20)")
    public CallPageResponse mine(@Parameter(hidden = true) Actor actor,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(defaultValue = "20") int limit) {
        var page = calls.mine(actor, cursor, limit);
        return new CallPageResponse(page.items().stream().map(CallResponse::of).toList(), page.nextCursor());
    }

    @GetMapping(LIVE)
    @Operation(operationId = "getLiveBoard",
            summary = "The live board: every call that has not ended, with seconds since its last proof of "
            + "presence and whether it is orphaned (supervisor, admin, superadmin)")
    public LiveBoardResponse live(@Parameter(hidden = true) Actor actor) {
        var board = calls.liveBoard(actor).stream().map(LiveCallResponse::of).toList();
        return new LiveBoardResponse(board.size(), board.stream().filter(LiveCallResponse::orphaned).count(), board);
    }

    @GetMapping(STATS)
    @Operation(operationId = "getCallFigures",
            summary = "Figures of the calls requested in [from, to) (default: the last 24 hours, at most 92 "
            + "days): overall, then per companion (supervisor, admin, superadmin)")
    public CallFiguresResponse stats(@Parameter(hidden = true) Actor actor,
                                     @RequestParam(required = false) Instant from,
                                     @RequestParam(required = false) Instant to) {
        var figures = calls.figures(actor, from, to);
        return new CallFiguresResponse(figures.from(), figures.to(), CallStatsResponse.of(figures.overall()),
                figures.companions().stream().map(CallStatsResponse::of).toList());
    }
}
