package app.hearth.domain.earnings;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The effective-dated activity-multiplier policy: a list of rule sets, each with a version and the moment it
 * takes effect. A credit uses the set in force when the activity happened; the factors of all its matching rules
 * multiply.
 */
public final class MultiplierRuleTable {

    /** One version of the rules, in force from {@code effectiveFrom} until the next version. */
    public record RuleSet(String version, Instant effectiveFrom, List<MultiplierRule> rules) {
        public RuleSet {
            RuleViolation.requireText(version, "version");
            RuleViolation.require(effectiveFrom, "effectiveFrom");
            rules = List.copyOf(rules);
        }
    }

    /** The version that applies before any rule set takes effect: no multiplier. */
    public static final String NO_RULES = "none";

    private final List<RuleSet> sets;

    public MultiplierRuleTable(List<RuleSet> sets) {
        var sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparing(RuleSet::effectiveFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
                throw RuleViolation.invalid("RULE_SETS_OVERLAP", "effectiveFrom",
                        "two multiplier rule sets take effect at " + sorted.get(i).effectiveFrom());
            }
        }
        this.sets = List.copyOf(sorted);
    }

    /**
     * Hearth's default rules (semantics.md): x1.2 for night hours (22:00 to 06:00 in the companion's time zone)
     * and x1.1 for a trailing-30-day rating of 4.8 or more, in force from 2026-01-01.
     */
    public static MultiplierRuleTable defaults() {
        return new MultiplierRuleTable(List.of(new RuleSet("2026-01", Instant.parse("2026-01-01T00:00:00Z"),
                List.of(new MultiplierRule.NightHours(22, 6, 12_000), new MultiplierRule.HighRating(480, 11_000)))));
    }

    public List<RuleSet> ruleSets() {
        return sets;
    }

    /** The multiplier for an activity in {@code context}: the product of the rules of the set then in force. */
    public AppliedMultiplier multiplierFor(CreditContext context) {
        RuleSet inForce = null;
        for (RuleSet set : sets) {
            if (!set.effectiveFrom().isAfter(context.occurredAt())) {
                inForce = set;
            }
        }
        if (inForce == null) {
            return AppliedMultiplier.neutral(NO_RULES);
        }
        long basisPoints = AppliedMultiplier.ONE;
        var applied = new ArrayList<String>();
        for (MultiplierRule rule : inForce.rules()) {
            if (rule.appliesTo(context)) {
                basisPoints = Math.floorDiv(basisPoints * rule.basisPoints() + AppliedMultiplier.ONE / 2,
                        AppliedMultiplier.ONE);
                applied.add(rule.name());
            }
        }
        return new AppliedMultiplier(inForce.version(), Math.toIntExact(basisPoints), applied);
    }
}
