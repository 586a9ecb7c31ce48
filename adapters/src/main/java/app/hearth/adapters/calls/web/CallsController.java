package app.hearth.adapters.calls.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.calls.Calls;
import app.hearth.application.calls.WaitingQueue;
import app.hearth.application.media.MediaAccess;
import app.hearth.domain.access.Actor;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.routing.RoutingFilters;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placing, answering and ending calls. Only the call's two participants may act on it (staff may end it); anyone
 * else gets 404 {@code CALL_NOT_FOUND}, so a call's existence is not revealed.
 */
@RestController
@Tag(name = "Calls", description = "Audio and video calls between a member and a companion")
public class CallsController {

    public static final String CALLS = "/api/v1/calls";
    public static final String CALL = CALLS + "/{callId}";

    /**
     * A call to place: {@code companionId} is a companion's id or {@code any} (routing chooses among the available
     * companions); {@code kind} is {@code audio} or {@code video}; {@code callId} is optional, chosen by the app so
     * that a retried request rings once (8 to 64 letters, digits, - or _).
     */
    public record CallRequestBody(String callId, String companionId, String kind, FiltersBody filters) {
    }

    /**
     * What a call for {@code any} narrows to (each optional): a language the companion speaks (ISO 639-1), their
     * gender ({@code female}, {@code male}, {@code non_binary}, {@code undisclosed}), a skill code ({@code music}).
     */
    public record FiltersBody(String language, String gender, String skill) {

        public RoutingFilters filters() {
            return RoutingFilters.of(language, gender, skill);
        }
    }

    /** Why routing chose this companion ({@code rule}: the deciding rule's name). */
    public record RoutingResponse(String rule, String explanation) {
    }

    /** A member waiting for anyone: their place in their language's line (as GET /api/v1/me/queue). */
    public record QueuePlaceResponse(String language, long position, long estimatedWaitSeconds, String kind,
                                String callId, Instant waitingSince, Instant leavesAt) {
        static QueuePlaceResponse of(WaitingQueue.QueueView view) {
            return new QueuePlaceResponse(view.language(), view.position(), view.estimatedWaitSeconds(),
                    view.kind().name().toLowerCase(Locale.ROOT), view.callId(), view.waitingSince(),
                    view.leavesAt());
        }
    }

    /** The answer of a call for anyone when nobody could ring: {@code state} "waiting" and the place. */
    public record WaitingResponse(String state, QueuePlaceResponse queue) {
    }

    /** A call as its participant sees it; {@code media} is the caller's own room credentials where given. */
    public record CallStatusResponse(String callId, String memberId, String companionId, String kind, String state,
                                     Instant requestedAt, Instant ringsUntil, EndReason endReason,
                                     MediaAccess media, RoutingResponse routing) {
        static CallStatusResponse of(Calls.CallStatus status) {
            return of(status, null);
        }

        static CallStatusResponse of(Calls.CallStatus status, RoutingResponse routing) {
            return new CallStatusResponse(status.callId(), status.memberId(), status.companionId(),
                    status.kind().name().toLowerCase(Locale.ROOT), status.state(), status.requestedAt(),
                    status.ringsUntil(), status.endReason(), status.media(), routing);
        }
    }

    private final Calls calls;

    public CallsController(Calls calls) {
        this.calls = calls;
    }

    @PostMapping(CALLS)
    @ApiResponse(responseCode = "201", description = "The call, ringing (for any: with why routing chose them)")
    @ApiResponse(responseCode = "202", description = "Nobody available for any: the member waits in the queue",
            content = @Content(schema = @Schema(implementation = WaitingResponse.class)))
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "requestCall",
            summary = "Call a companion, or anyone available (member; filters narrow who); rings until answered, "
            + "for up to 45 s. Needs at least one billable minute, which is held until the call ends. For any, "
            + "a declined or missed call rings the next candidate (3 in all); nobody available: 202 and a place in "
            + "the queue (GET /api/v1/me/queue, queue frames)")
    public ResponseEntity<?> request(@Parameter(hidden = true) Actor actor, @RequestBody CallRequestBody body) {
        if (body == null) {
            throw RuleViolation.invalid("FIELD_REQUIRED", "companionId", "a call names a companion or any");
        }
        if (Calls.ANY_COMPANION.equals(body.companionId())) {
            RoutingFilters filters = body.filters() == null ? RoutingFilters.NONE : body.filters().filters();
            return switch (calls.requestAnyone(actor, body.callId(), kind(body.kind()), filters)) {
                case Calls.Routed.Rung rung -> ResponseEntity.created(URI.create(CALLS + "/" + rung.call().callId()))
                        .body(CallStatusResponse.of(rung.call(), new RoutingResponse(rung.rule(),
                                rung.explanation())));
                case Calls.Routed.Waiting waiting -> ResponseEntity.accepted()
                        .body(new WaitingResponse("waiting", QueuePlaceResponse.of(waiting.queue())));
            };
        }
        var status = calls.request(actor, body.callId(), body.companionId(), kind(body.kind()));
        return ResponseEntity.created(URI.create(CALLS + "/" + status.callId())).body(CallStatusResponse.of(status));
    }

    @PostMapping(CALL + "/accept")
    @ProblemResponses({409, 502})
    @Operation(operationId = "acceptCall",
            summary = "Answer a ringing call (its companion); the answer carries the companion's room credentials")
    public CallStatusResponse accept(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        return CallStatusResponse.of(calls.accept(actor, callId));
    }

    @PostMapping(CALL + "/decline")
    @ProblemResponses({409})
    @Operation(operationId = "declineCall",
            summary = "Refuse a ringing call (its companion)")
    public CallStatusResponse decline(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        return CallStatusResponse.of(calls.decline(actor, callId));
    }

    @PostMapping(CALL + "/cancel")
    @ProblemResponses({409})
    @Operation(operationId = "cancelCall",
            summary = "Give up a ringing call (its member)")
    public CallStatusResponse cancel(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        return CallStatusResponse.of(calls.cancel(actor, callId));
    }

    @PostMapping(CALL + "/hangup")
    @ProblemResponses({409})
    @Operation(operationId = "hangUpCall",
            summary = "Hang up (a participant; while ringing the member cancels and the companion declines), "
            + "or end the call (supervisor, admin, superadmin)")
    public CallStatusResponse hangUp(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        return CallStatusResponse.of(calls.hangUp(actor, callId));
    }

    @PostMapping(CALL + "/heartbeats")
    @ApiResponse(responseCode = "204", description = "Counted", content = @Content)
    @ProblemResponses({409})
    @Operation(operationId = "sendHeartbeat",
            summary = "A participant is still there (every 10 s once the call is accepted; the first one counts "
            + "as having joined the room). 204; 409 CALL_ENDED tells the app to stop")
    public ResponseEntity<Void> heartbeat(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        calls.heartbeat(actor, callId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(CALL + "/media")
    @ProblemResponses({409, 502})
    @Operation(operationId = "getCallMedia",
            summary = "Fresh room credentials for a participant of an accepted or connected call (60 s to join)")
    public MediaAccess media(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        return calls.media(actor, callId);
    }

    private static CallKind kind(String kind) {
        if ("audio".equals(kind)) {
            return CallKind.AUDIO;
        }
        if ("video".equals(kind)) {
            return CallKind.VIDEO;
        }
        throw RuleViolation.invalid("CALL_KIND_INVALID", "kind", "a call is audio or video");
    }
}
