package app.hearth.domain.money.experiments;

import app.hearth.domain.shared.RuleViolation;
import java.util.LinkedHashSet;
import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;

/** One arm of a paywall experiment: a weight and the products shown to the members in it. */
@ValueObject
public record PaywallVariant(String key, int weight, List<String> productIds) {

    public PaywallVariant {
        key = RuleViolation.requireText(key, "variants.key").strip();
        if (!key.matches("[A-Za-z0-9_-]{1,40}")) {
            throw RuleViolation.invalid(PaywallExperiment.INVALID, "variants.key",
                    "a variant key is 1 to 40 letters, digits, '-' or '_'");
        }
        if (weight <= 0 || weight > 10_000) {
            throw RuleViolation.invalid(PaywallExperiment.INVALID, "variants.weight", "a weight is 1 to 10000");
        }
        if (productIds == null || productIds.isEmpty()) {
            throw RuleViolation.invalid(PaywallExperiment.INVALID, "variants.productIds",
                    "a variant shows at least one product");
        }
        productIds = List.copyOf(new LinkedHashSet<>(productIds));
    }
}
