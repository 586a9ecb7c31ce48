package app.hearth.domain.earnings;

import app.hearth.domain.shared.RuleViolation;
import java.util.Map;

/** The moderation policy codes and the coins each one's penalty takes. */
public record PenaltyTable(Map<String, Long> coinsByPolicyCode) {

    public static final String UNKNOWN_POLICY = "PENALTY_POLICY_UNKNOWN";

    public PenaltyTable {
        coinsByPolicyCode = Map.copyOf(coinsByPolicyCode);
        coinsByPolicyCode.forEach((code, coins) -> {
            if (coins <= 0) {
                throw RuleViolation.invalid("PENALTY_NOT_POSITIVE", "coins", "policy " + code + " has no positive penalty");
            }
        });
    }

    /** Hearth's default moderation policies. */
    public static PenaltyTable defaults() {
        return new PenaltyTable(Map.of(
                "LATE_FOR_SHIFT", 50L,
                "MISSED_SHIFT", 200L,
                "UNANSWERED_CALLS", 100L,
                "INAPPROPRIATE_LANGUAGE", 300L,
                "SHARED_CONTACT_DETAILS", 500L,
                "HARASSMENT", 1_000L));
    }

    /** The coins a penalty under {@code policyCode} takes. */
    public long coinsFor(String policyCode) {
        Long coins = coinsByPolicyCode.get(policyCode);
        if (coins == null) {
            throw RuleViolation.invalid(UNKNOWN_POLICY, "policyCode", "no moderation policy has code " + policyCode);
        }
        return coins;
    }
}
