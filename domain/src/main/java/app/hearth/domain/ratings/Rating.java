package app.hearth.domain.ratings;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A member's rating of a companion for one subject (a completed call, a conversation-day): its score and tags, when it
 * was first given and last changed. It may be given only within {@link RatingPolicy#rateWithin()} after its subject
 * ended and changed only within {@link RatingPolicy#changeableFor()} after it was first given; both refusals are
 * {@link #CLOSED} (409).
 */
@ValueObject
public record Rating(String ratingId, RatingSubject subject, String memberId, String companionId, Score score,
                     Set<RatingTag> tags, Instant givenAt, Instant changedAt) {

    public static final String CLOSED = "RATING_CLOSED";
    public static final String NOT_FOUND = "RATING_NOT_FOUND";

    public Rating {
        RuleViolation.requireText(ratingId, "ratingId");
        Objects.requireNonNull(subject);
        RuleViolation.requireText(memberId, "memberId");
        RuleViolation.requireText(companionId, "companionId");
        Objects.requireNonNull(score);
        tags = tags == null || tags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tags));
        Objects.requireNonNull(givenAt);
        Objects.requireNonNull(changedAt);
    }

    /** A first rating of {@code subject}, which ended at {@code subjectEndedAt}; refused once the time to rate passed. */
    public static Rating give(String ratingId, RatingSubject subject, String memberId, String companionId,
                              Score score, Set<RatingTag> tags, Instant subjectEndedAt, Instant now,
                              RatingPolicy policy) {
        Instant closes = subjectEndedAt.plus(policy.rateWithin());
        if (now.isAfter(closes)) {
            throw RuleViolation.conflict(CLOSED, "this can be rated until " + closes + " only");
        }
        return new Rating(ratingId, subject, memberId, companionId, score, tags, now, now);
    }

    /** Until when this rating may be changed. */
    public Instant changeableUntil(RatingPolicy policy) {
        return givenAt.plus(policy.changeableFor());
    }

    /** The rating with a new score and tags (they replace the old ones); refused after {@link #changeableUntil}. */
    public Rating change(Score newScore, Set<RatingTag> newTags, Instant now, RatingPolicy policy) {
        if (now.isAfter(changeableUntil(policy))) {
            throw RuleViolation.conflict(CLOSED, "a rating may be changed until " + changeableUntil(policy)
                    + " only");
        }
        return new Rating(ratingId, subject, memberId, companionId, newScore, newTags, givenAt, now);
    }

    /**
     * Why this rating calls for a review case, if it does: {@code LOW_SCORE} (a score at or below the policy's),
     * {@code FELT_UNSAFE} (the tag), or both, comma-separated.
     */
    public Optional<String> reviewReason(RatingPolicy policy) {
        List<String> reasons = new ArrayList<>();
        if (score.stars() <= policy.lowScoreAtMost()) {
            reasons.add("LOW_SCORE");
        }
        if (tags.contains(RatingTag.FELT_UNSAFE)) {
            reasons.add("FELT_UNSAFE");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(",", reasons));
    }
}
