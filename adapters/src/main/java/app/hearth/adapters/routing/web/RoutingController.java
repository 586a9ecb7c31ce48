package app.hearth.adapters.routing.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.calls.WaitingQueue;
import app.hearth.application.routing.ConversationRequests;
import app.hearth.application.routing.RoutingDecisions;
import app.hearth.application.routing.RoutingLog;
import app.hearth.domain.access.Actor;
import app.hearth.domain.routing.RoutingFilters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing (ADR 0054): the recorded decisions for staff (a supervisor's: those that chose their teams' companions),
 * "talk to someone now" for members, and a member's place in the queue for anyone.
 */
@RestController
@Tag(name = "Routing", description = "Anyone available: decisions, conversation requests and the waiting queue")
public class RoutingController {

    public static final String DECISIONS = "/api/v1/admin/routing-decisions";
    public static final String CONVERSATION_REQUESTS = "/api/v1/conversation-requests";
    public static final String MY_QUEUE = "/api/v1/me/queue";

    /** One candidate as the decision kept them, with the facts that placed them. */
    public record CandidateResponse(String companionId, List<String> reasons) {
    }

    /**
     * One decision: the request ({@code requestId}, the {@code attempt}-th offer of it), {@code purpose} call or
     * conversation, the companion offered ({@code chosenCompanionId}, null when nobody), the deciding rule, the
     * first 20 candidates in order and how many there were.
     */
    public record DecisionResponse(String requestId, int attempt, String purpose, String memberId, String kind,
                                   String filters, String callId, String chosenCompanionId, String rule,
                                   String explanation, int candidateCount, List<CandidateResponse> candidates,
                                   Long waitedSeconds, Instant decidedAt) {
        static DecisionResponse of(RoutingLog.Entry entry) {
            return new DecisionResponse(entry.requestId(), entry.attempt(),
                    entry.purpose().toLowerCase(Locale.ROOT), entry.memberId(),
                    entry.kind() == null ? null : entry.kind().toLowerCase(Locale.ROOT), entry.filters(),
                    entry.callId(), entry.chosenId(), entry.rule().name(), entry.rule().explanation(),
                    entry.candidateCount(), entry.candidates().stream()
                    .map(c -> new CandidateResponse(c.companionId(), c.reasons())).toList(),
                    entry.waitedSeconds(), entry.decidedAt());
        }
    }

    public record DecisionPageResponse(List<DecisionResponse> items, String nextCursor) {
    }

    /** Whom to talk to: narrowed like a call for anyone (each optional). */
    public record ConversationRequestBody(String language, String gender, String skill) {
    }

    /** The companion the member's first message goes to, and why them. */
    public record ConversationRoutedResponse(String companionId, String rule, String explanation) {
    }

    /** The member's place in the queue for anyone. */
    public record QueueResponse(String language, long position, long estimatedWaitSeconds, String kind,
                                String callId, Instant waitingSince, Instant leavesAt) {
        static QueueResponse of(WaitingQueue.QueueView view) {
            return new QueueResponse(view.language(), view.position(), view.estimatedWaitSeconds(),
                    view.kind().name().toLowerCase(Locale.ROOT), view.callId(), view.waitingSince(),
                    view.leavesAt());
        }
    }

    private final RoutingDecisions decisions;
    private final ConversationRequests conversations;
    private final WaitingQueue queue;

    public RoutingController(RoutingDecisions decisions, ConversationRequests conversations, WaitingQueue queue) {
        this.decisions = decisions;
        this.conversations = conversations;
        this.queue = queue;
    }

    @GetMapping(DECISIONS)
    @Operation(operationId = "listRoutingDecisions",
            summary = "Routing decisions, newest first (staff; a supervisor's: those that chose their teams' "
            + "companions), with cursor pagination (limit 1-200, default 50)")
    public DecisionPageResponse list(@Parameter(hidden = true) Actor actor,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(defaultValue = "50") int limit) {
        var page = decisions.list(actor, cursor, limit);
        return new DecisionPageResponse(page.items().stream().map(DecisionResponse::of).toList(), page.nextCursor());
    }

    @PostMapping(CONVERSATION_REQUESTS)
    @ProblemResponses({409})
    @Operation(operationId = "requestConversation",
            summary = "Talk to someone now, in writing (member): routing picks an available companion as for a "
            + "call for anyone; send the first message to them. 409 NO_COMPANION_AVAILABLE when nobody is")
    public ConversationRoutedResponse requestConversation(@Parameter(hidden = true) Actor actor,
                                                          @RequestBody(required = false)
                                                          ConversationRequestBody body) {
        RoutingFilters filters = body == null ? RoutingFilters.NONE
                : RoutingFilters.of(body.language(), body.gender(), body.skill());
        var routed = conversations.request(actor, filters);
        return new ConversationRoutedResponse(routed.companionId(), routed.rule(), routed.explanation());
    }

    @GetMapping(MY_QUEUE)
    @ProblemResponses({404})
    @Operation(operationId = "getMyQueuePlace",
            summary = "The member's place in the queue for anyone: position in their language's line (1: next) "
            + "and the estimated wait; 404 NOT_WAITING")
    public QueueResponse mine(@Parameter(hidden = true) Actor actor) {
        return queue.mine(actor).map(QueueResponse::of).orElseThrow(() -> app.hearth.domain.shared.RuleViolation
                .notFound(WaitingQueue.NOT_WAITING, "you are not waiting in the queue"));
    }

    @DeleteMapping(MY_QUEUE)
    @ApiResponse(responseCode = "204", description = "Left the queue", content = @Content)
    @ProblemResponses({404})
    @Operation(operationId = "leaveQueue", summary = "Stop waiting for anyone (member); 404 NOT_WAITING")
    public ResponseEntity<Void> leave(@Parameter(hidden = true) Actor actor) {
        queue.leave(actor);
        return ResponseEntity.noContent().build();
    }
}
