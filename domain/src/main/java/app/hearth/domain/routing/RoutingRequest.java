package app.hearth.domain.routing;

import java.util.List;
import java.util.Set;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * Who asks for "anyone": the member, the languages they speak, their interests (skill category names), the filters
 * they gave, and the companions already offered this request (a declined or missed offer goes to the next).
 */
@ValueObject
public record RoutingRequest(String memberId, List<String> languages, Set<String> interests, RoutingFilters filters,
                             Set<String> excluded) {

    public RoutingRequest {
        languages = List.copyOf(languages);
        interests = Set.copyOf(interests);
        filters = filters == null ? RoutingFilters.NONE : filters;
        excluded = Set.copyOf(excluded);
    }

    /** The queue a member who waits joins: the language they filtered by, else the first they speak. */
    public String queueLanguage() {
        return filters.language() != null ? filters.language() : languages.isEmpty() ? "en" : languages.getFirst();
    }
}
