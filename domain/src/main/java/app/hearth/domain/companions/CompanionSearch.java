package app.hearth.domain.companions;

import app.hearth.domain.shared.LanguageCodes;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TimeZones;
import app.hearth.domain.skills.SkillCategory;
import java.time.Year;
import java.time.ZoneId;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The seven filters members list companions by; each is optional (null). Ages are whole years from the year of
 * birth; {@code availableNow} only ever matches companions on shift, and until shifts exist nobody is.
 */
@ValueObject
public record CompanionSearch(String language, Gender gender, Integer minAge, Integer maxAge, SkillCategory skill,
                              Boolean availableNow, Double minRating, ZoneId timeZone, String region) {

    public static final String INVALID_FILTER = "INVALID_FILTER";

    public CompanionSearch {
        if (language != null) {
            language = LanguageCodes.require(language, "language");
        }
        requireAge(minAge, "minAge");
        requireAge(maxAge, "maxAge");
        if (minAge != null && maxAge != null && minAge > maxAge) {
            throw RuleViolation.invalid(INVALID_FILTER, "minAge", "minAge must not be above maxAge");
        }
        if (minRating != null && (minRating.isNaN() || minRating < 0 || minRating > 5)) {
            throw RuleViolation.invalid(INVALID_FILTER, "minRating", "minRating is from 0 to 5");
        }
        if (region != null && !TimeZones.isRegion(region)) {
            throw RuleViolation.invalid(INVALID_FILTER, "region", "'" + region + "' is not an IANA region such as "
                    + "Europe or America");
        }
    }

    private static void requireAge(Integer age, String field) {
        if (age != null && (age < CompanionProfile.ADULT_AGE || age > 120)) {
            throw RuleViolation.invalid(INVALID_FILTER, field, field + " is from 18 to 120");
        }
    }

    /** Born in this year or earlier to be at least {@code minAge} in {@code today}'s year. */
    public Integer latestBirthYear(Year today) {
        return minAge == null ? null : today.getValue() - minAge;
    }

    /** Born in this year or later to be at most {@code maxAge} in {@code today}'s year. */
    public Integer earliestBirthYear(Year today) {
        return maxAge == null ? null : today.getValue() - maxAge;
    }

}
