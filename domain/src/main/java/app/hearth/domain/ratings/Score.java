package app.hearth.domain.ratings;

import app.hearth.domain.shared.RuleViolation;
import org.jmolecules.ddd.annotation.ValueObject;

/** A member's score of a companion: 1 to 5 stars, whole. */
@ValueObject
public record Score(int stars) {

    public static final int MIN = 1;
    public static final int MAX = 5;
    public static final String OUT_OF_RANGE = "RATING_SCORE_OUT_OF_RANGE";

    public Score {
        if (stars < MIN || stars > MAX) {
            throw RuleViolation.invalid(OUT_OF_RANGE, "score", "a score is a whole number from " + MIN + " to " + MAX
                    + ", was " + stars);
        }
    }

    /** The score as given in a request; refused when missing. */
    public static Score of(Integer stars) {
        if (stars == null) {
            throw RuleViolation.invalid(OUT_OF_RANGE, "score", "a score from " + MIN + " to " + MAX + " is required");
        }
        return new Score(stars);
    }
}
