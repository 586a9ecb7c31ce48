package app.hearth.domain.routing;

import app.hearth.domain.companions.Gender;
import app.hearth.domain.shared.LanguageCodes;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.skills.SkillCategory;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a member asked of "anyone": each optional (null). {@code language} narrows to companions who speak it (one of
 * the member's own languages or not), {@code gender} and {@code skill} to companions who have them.
 */
@ValueObject
public record RoutingFilters(String language, Gender gender, SkillCategory skill) {

    public static final RoutingFilters NONE = new RoutingFilters(null, null, null);

    public static final String INVALID_FILTER = "INVALID_FILTER";

    /** From what a client sent: the gender and skill as their codes ({@code female}, {@code music}), any case. */
    public static RoutingFilters of(String language, String gender, String skill) {
        return new RoutingFilters(language, gender == null ? null : parse(Gender.class, gender, "filters.gender"),
                skill == null ? null : parse(SkillCategory.class, skill, "filters.skill"));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String code, String field) {
        try {
            return Enum.valueOf(type, code.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw RuleViolation.invalid(INVALID_FILTER, field, "'" + code + "' is not a known code");
        }
    }

    public RoutingFilters {
        if (language != null) {
            language = LanguageCodes.require(language, "filters.language");
        }
    }
}
