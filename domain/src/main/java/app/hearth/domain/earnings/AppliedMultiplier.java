package app.hearth.domain.earnings;

import app.hearth.domain.shared.RuleViolation;
import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The activity multiplier that applied to one credit: the rule table version, the product of the matching
 * rules in basis points (10,000 = x1.0) and the names of those rules.
 */
@ValueObject
public record AppliedMultiplier(String ruleVersion, int basisPoints, List<String> rules) {

    public static final int ONE = 10_000;

    public AppliedMultiplier {
        RuleViolation.requireText(ruleVersion, "multiplier.ruleVersion");
        if (basisPoints <= 0) {
            throw RuleViolation.invalid("MULTIPLIER_NOT_POSITIVE", "multiplier.basisPoints",
                    "a multiplier must be positive, was " + basisPoints + " basis points");
        }
        rules = List.copyOf(rules == null ? List.of() : rules);
    }

    /** No rule applied under the given table version. */
    public static AppliedMultiplier neutral(String ruleVersion) {
        return new AppliedMultiplier(ruleVersion, ONE, List.of());
    }

    /**
     * Coins for {@code units} at {@code baseRate} coins per unit under this multiplier, rounded half up to whole
     * coins. Integer arithmetic only; overflow is an error, never a wrap.
     */
    public long coinsFor(long units, long baseRate) {
        long raw = Math.multiplyExact(Math.multiplyExact(units, baseRate), (long) basisPoints);
        return Math.floorDiv(Math.addExact(raw, ONE / 2), ONE);
    }
}
