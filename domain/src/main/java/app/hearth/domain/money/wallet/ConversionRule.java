package app.hearth.domain.money.wallet;

import app.hearth.domain.shared.RuleViolation;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A published conversion rule of a migration: every {@code fromUnits} of the old version's balance become
 * {@code toUnits} of the new one, rounded up in the member's favour (for example 10 tokens to 1 moment). Moments
 * created by a migration form one pack of {@code momentSeconds} moments valid for {@code validForSeconds}.
 * A migration to V2 converts nothing ({@code toUnits} 0): V2 has no balance, only a subscription.
 */
@ValueObject
public record ConversionRule(String ruleId, long fromUnits, long toUnits, long momentSeconds, long validForSeconds) {

    public ConversionRule {
        RuleViolation.requireText(ruleId, "ruleId");
        if (fromUnits < 1 || toUnits < 0) {
            throw RuleViolation.invalid("INVALID_CONVERSION_RULE", "fromUnits",
                    "a conversion takes at least one unit and gives zero or more");
        }
        if (momentSeconds < 0 || validForSeconds < 0) {
            throw RuleViolation.invalid("INVALID_CONVERSION_RULE", "momentSeconds", "lengths are not negative");
        }
    }

    /** The units {@code units} of the old version become. */
    public long convert(long units) {
        if (units <= 0 || toUnits == 0) {
            return 0;
        }
        return Math.ceilDiv(Math.multiplyExact(units, toUnits), fromUnits);
    }
}
