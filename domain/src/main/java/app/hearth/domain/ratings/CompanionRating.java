package app.hearth.domain.ratings;

import java.time.Instant;
import java.util.Collection;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A companion's rating: the Bayesian average of the scores first given in the trailing window,
 * {@code (prior x weight + sum of scores) / (weight + count)}, in hundredths of a star rounded half up, with the count;
 * {@code null} while no rating is in the window. {@code nextChangeAt} is when the oldest rating in the window leaves it
 * (the rating must be computed again then), {@code null} when none is in it.
 */
@ValueObject
public record CompanionRating(Integer hundredths, int count, Instant nextChangeAt) {

    /** One rating as the window sees it: its score and when it was first given. */
    public record Given(int stars, Instant givenAt) {
    }

    public static final CompanionRating NONE = new CompanionRating(null, 0, null);

    /** The rating at {@code now} over {@code ratings} (those outside the window are left out here). */
    public static CompanionRating at(Instant now, Collection<Given> ratings, RatingPolicy policy) {
        Instant windowStart = now.minus(policy.window());
        long sum = 0;
        int count = 0;
        Instant oldest = null;
        for (Given given : ratings) {
            if (!given.givenAt().isAfter(windowStart) || given.givenAt().isAfter(now)) {
                continue;
            }
            sum += given.stars();
            count++;
            if (oldest == null || given.givenAt().isBefore(oldest)) {
                oldest = given.givenAt();
            }
        }
        if (count == 0) {
            return NONE;
        }
        long numerator = (long) policy.priorHundredths() * policy.priorWeight() + 100 * sum;
        long denominator = (long) policy.priorWeight() + count;
        int hundredths = Math.toIntExact((2 * numerator + denominator) / (2 * denominator));
        return new CompanionRating(hundredths, count, oldest.plus(policy.window()));
    }

    /** In whole stars with two decimals, as shown: 4.81. */
    public Double stars() {
        return hundredths == null ? null : hundredths / 100.0;
    }
}
