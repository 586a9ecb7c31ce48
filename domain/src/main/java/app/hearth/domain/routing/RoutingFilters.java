package app.hearth.domain.routing;

import app.hearth.domain.companions.Gender;
import app.hearth.domain.shared.LanguageCodes;
import app.hearth.domain.skills.SkillCategory;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a member asked of "anyone": each optional (null). {@code language} narrows to companions who speak it (one of
 * the member's own languages or not), {@code gender} and {@code skill} to companions who have them.
 */
@ValueObject
public record RoutingFilters(String language, Gender gender, SkillCategory skill) {

    public static final RoutingFilters NONE = new RoutingFilters(null, null, null);

    public RoutingFilters {
        if (language != null) {
            language = LanguageCodes.require(language, "filters.language");
        }
    }
}
