package app.hearth.domain.routing;

import java.util.List;
import java.util.Optional;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The companions routing would offer, best first, each with the facts that placed them, and the rule that put the
 * first ahead of the second ({@link RoutingRule#NONE_AVAILABLE} when there is nobody).
 */
@ValueObject
public record RoutingDecision(List<Ranked> ranked, RoutingRule rule) {

    /** One candidate in its place, with why ({@code reasons}: the facts in the ranking's order). */
    public record Ranked(String companionId, List<String> reasons) {
        public Ranked {
            reasons = List.copyOf(reasons);
        }
    }

    public RoutingDecision {
        ranked = List.copyOf(ranked);
    }

    public List<String> order() {
        return ranked.stream().map(Ranked::companionId).toList();
    }

    public Optional<String> first() {
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.getFirst().companionId());
    }

    /**
     * The rule to record when {@code chosen} was offered: this decision's rule when it is the first,
     * {@link RoutingRule#NEXT_AVAILABLE} when those ahead of it were taken meanwhile, none when nobody was.
     */
    public RoutingRule ruleFor(String chosen) {
        if (chosen == null) {
            return RoutingRule.NONE_AVAILABLE;
        }
        return first().filter(chosen::equals).isPresent() ? rule : RoutingRule.NEXT_AVAILABLE;
    }
}
