package app.hearth.domain.ratings;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Objects;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A case for the supervisor of a companion's team to review: whom it is about, the team they were in when it opened,
 * what opened it and the reference to that (for a rating: its id), why, when, and where it stands. One case per
 * source and reference, whatever happens to the rating after.
 */
@ValueObject
public record ModerationCase(String caseId, String companionId, String teamId, CaseSource source, String reference,
                             String reason, Instant openedAt, CaseStatus status) {

    public ModerationCase {
        RuleViolation.requireText(caseId, "caseId");
        RuleViolation.requireText(companionId, "companionId");
        Objects.requireNonNull(source);
        RuleViolation.requireText(reference, "reference");
        RuleViolation.requireText(reason, "reason");
        Objects.requireNonNull(openedAt);
        Objects.requireNonNull(status);
    }

    /**
     * The case {@code rating} opens, if it calls for one ({@link Rating#reviewReason}); {@code teamId} is the
     * companion's team now (null when they are in none).
     */
    public static java.util.Optional<ModerationCase> forRating(String caseId, Rating rating, String teamId,
                                                               Instant now, RatingPolicy policy) {
        return rating.reviewReason(policy).map(reason -> new ModerationCase(caseId, rating.companionId(), teamId,
                CaseSource.RATING, rating.ratingId(), reason, now, CaseStatus.OPEN));
    }
}
