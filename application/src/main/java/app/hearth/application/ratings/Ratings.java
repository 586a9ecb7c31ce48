package app.hearth.application.ratings;

import app.hearth.domain.access.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Members rate companions (ADR 0055): a completed call, or a conversation-day (a local day of the member's time zone
 * on which both sides wrote in the conversation), 1 to 5 stars with optional tags from a fixed set; one rating per
 * call or conversation-day, changeable for 24 hours after it was first given ({@code 409 RATING_CLOSED} after). Only
 * the member of the call or conversation rates or reads the rating; to anyone else it does not exist (404). The
 * companion sees their own summary, never who rated.
 */
@PrimaryPort
public interface Ratings {

    String CALL_NOT_COMPLETED = "CALL_NOT_COMPLETED";
    String INVALID_DATE = "INVALID_DATE";

    /**
     * One rating as its member sees it: {@code callId} for a call, {@code conversationId} and {@code date} for a
     * conversation-day; tags by their wire names.
     */
    record RatingView(String ratingId, String subject, String callId, String conversationId, LocalDate date,
                      String companionId, int score, List<String> tags, Instant givenAt, Instant changedAt,
                      Instant changeableUntil) {
    }

    /** A rating given ({@code created}) or changed. */
    record Given(RatingView rating, boolean created) {
    }

    /**
     * A companion's own rating: the Bayesian average over the last {@code windowDays} days (null while none was
     * given in them), how many ratings it counts, and how many of them carry each tag.
     */
    record RatingSummary(String companionId, Double rating, int ratingCount, int windowDays,
                         Map<String, Integer> tags) {
    }

    Given rateCall(Actor member, String callId, Integer score, List<String> tags);

    RatingView callRating(Actor member, String callId);

    Given rateConversationDay(Actor member, String conversationId, String date, Integer score, List<String> tags);

    RatingView conversationDayRating(Actor member, String conversationId, String date);

    RatingSummary mine(Actor companion);

    /**
     * Computes again, at most {@code limit} at a time, the ratings of the companions whose oldest rating left the
     * window (several nodes share the work); how many were computed.
     */
    int refreshDue(int limit);
}
