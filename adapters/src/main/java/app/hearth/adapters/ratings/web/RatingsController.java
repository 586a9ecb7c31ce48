package app.hearth.adapters.ratings.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.ratings.Ratings;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members rate companions (ADR 0055): a completed call, or a day of a conversation (a local day of the member's time
 * zone on which both sides wrote); one rating each, changeable for 24 hours after it was first given. The companion
 * reads their own summary, never who rated.
 */
@RestController
@Tag(name = "Ratings", description = "Members' ratings of companions, the companion's rating, moderation cases")
public class RatingsController {

    public static final String CALL_RATING = "/api/v1/calls/{callId}/rating";
    public static final String DAY_RATING = "/api/v1/conversations/{conversationId}/ratings/{date}";
    public static final String MY_RATING = "/api/v1/me/rating";

    /**
     * A rating: {@code score} 1 to 5 stars, {@code tags} from kind, good_listener, patient, funny, late, rude,
     * felt_unsafe (optional; they replace the earlier ones on a change).
     */
    public record RatingRequest(Integer score, List<String> tags) {
    }

    private final Ratings ratings;

    public RatingsController(Ratings ratings) {
        this.ratings = ratings;
    }

    @PutMapping(CALL_RATING)
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "rateCall",
            summary = "The call's member rates its companion (201 the first time, 200 for a change): only a completed "
            + "call (connected, ended by a hang-up or for want of balance; else 422 CALL_NOT_COMPLETED, field callId), "
            + "within 7 days of its end; a change within 24 hours of the first rating (then 409 RATING_CLOSED). "
            + "400 RATING_SCORE_OUT_OF_RANGE (score) or UNKNOWN_RATING_TAG (tags). A rating of 1-2 or the tag "
            + "felt_unsafe opens a review case for the team's supervisor. Anyone but the call's member: 404 "
            + "CALL_NOT_FOUND")
    public ResponseEntity<Ratings.RatingView> rateCall(@Parameter(hidden = true) Actor actor,
                                                       @PathVariable String callId,
                                                       @RequestBody RatingRequest request) {
        return answer(ratings.rateCall(actor, callId, request.score(), request.tags()));
    }

    @GetMapping(CALL_RATING)
    @ProblemResponses({404})
    @Operation(operationId = "getCallRating",
            summary = "The member's rating of the call (404 RATING_NOT_FOUND before it is given); anyone but the "
            + "call's member: 404 CALL_NOT_FOUND")
    public Ratings.RatingView callRating(@Parameter(hidden = true) Actor actor, @PathVariable String callId) {
        return ratings.callRating(actor, callId);
    }

    @PutMapping(DAY_RATING)
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "rateConversationDay",
            summary = "The conversation's member rates its companion for a day (yyyy-mm-dd, the member's local day) on "
            + "which both sides wrote in it (else 422 NO_CONVERSATION_ON_DAY, field date), from then until 7 days "
            + "after that day; 201 the first time, 200 for a change within 24 hours (then 409 RATING_CLOSED). 400 "
            + "INVALID_DATE, RATING_SCORE_OUT_OF_RANGE or UNKNOWN_RATING_TAG. A rating of 1-2 or felt_unsafe opens a "
            + "review case. Anyone but the conversation's member: 404 CONVERSATION_NOT_FOUND")
    public ResponseEntity<Ratings.RatingView> rateConversationDay(@Parameter(hidden = true) Actor actor,
                                                                  @PathVariable String conversationId,
                                                                  @PathVariable String date,
                                                                  @RequestBody RatingRequest request) {
        return answer(ratings.rateConversationDay(actor, conversationId, date, request.score(), request.tags()));
    }

    @GetMapping(DAY_RATING)
    @ProblemResponses({404})
    @Operation(operationId = "getConversationDayRating",
            summary = "The member's rating of the conversation's day (404 RATING_NOT_FOUND before it is given); anyone "
            + "but the conversation's member: 404 CONVERSATION_NOT_FOUND")
    public Ratings.RatingView conversationDayRating(@Parameter(hidden = true) Actor actor,
                                                    @PathVariable String conversationId,
                                                    @PathVariable String date) {
        return ratings.conversationDayRating(actor, conversationId, date);
    }

    @GetMapping(MY_RATING)
    @Operation(operationId = "getMyRating",
            summary = "The companion's own rating: the Bayesian average of the last 30 days (prior 4.5 weighing as 5 "
            + "ratings; null before any), how many ratings it counts and how many carry each tag; never who rated")
    public Ratings.RatingSummary mine(@Parameter(hidden = true) Actor actor) {
        return ratings.mine(actor);
    }

    private static ResponseEntity<Ratings.RatingView> answer(Ratings.Given given) {
        return ResponseEntity.status(given.created() ? HttpStatus.CREATED : HttpStatus.OK).body(given.rating());
    }
}
