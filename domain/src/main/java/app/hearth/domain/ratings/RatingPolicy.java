package app.hearth.domain.ratings;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The numbers of the rating rules (semantics.md "Ratings and moderation"), each configuration.
 *
 * @param changeableFor   how long after it was first given a rating may still be changed (24 h)
 * @param rateWithin      how long after its subject ended (the call's end, the end of the conversation's day) a
 *                        first rating may still be given (7 days)
 * @param window          the trailing window of the companion's rating, by when each rating was first given (30 days)
 * @param priorHundredths the prior of the Bayesian average, in hundredths of a star (450 = 4.50)
 * @param priorWeight     how many ratings the prior weighs as (5)
 * @param lowScoreAtMost  a score at or below it opens a review case (2)
 */
@ValueObject
public record RatingPolicy(Duration changeableFor, Duration rateWithin, Duration window, int priorHundredths,
                           int priorWeight, int lowScoreAtMost) {

    public static final RatingPolicy DEFAULTS = new RatingPolicy(Duration.ofHours(24), Duration.ofDays(7),
            Duration.ofDays(30), 450, 5, 2);

    public RatingPolicy {
        RuleViolation.require(changeableFor, "changeableFor");
        RuleViolation.require(rateWithin, "rateWithin");
        RuleViolation.require(window, "window");
        if (changeableFor.isNegative() || rateWithin.isNegative() || window.isNegative() || window.isZero()) {
            throw RuleViolation.invalid("INVALID_RATING_POLICY", "window", "durations must be positive");
        }
        if (priorHundredths < Score.MIN * 100 || priorHundredths > Score.MAX * 100 || priorWeight < 0) {
            throw RuleViolation.invalid("INVALID_RATING_POLICY", "prior",
                    "the prior is 1.00 to 5.00 stars with a weight of 0 or more");
        }
    }
}
