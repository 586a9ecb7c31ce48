package app.hearth.application.routing;

import app.hearth.domain.access.Actor;
import app.hearth.domain.routing.RoutingFilters;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * "Talk to someone now" in writing: routing picks an available companion the same way as for a call, records the
 * decision, and answers whom the member's first message goes to ({@code NO_COMPANION_AVAILABLE} when nobody).
 */
@PrimaryPort
public interface ConversationRequests {

    record Routed(String companionId, String rule, String explanation) {
    }

    Routed request(Actor member, RoutingFilters filters);
}
