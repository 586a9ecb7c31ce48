package app.hearth.domain.companions;

import app.hearth.domain.shared.LanguageCodes;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TimeZones;
import app.hearth.domain.skills.SkillCategory;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a companion tells members about themself. Companions are adults (18 or older by year of birth); languages
 * are ISO 639-1 codes; skills come from the catalog; the time zone is an IANA id and gives the region members
 * filter by. The photo is optional and must be a {@link PhotoUrl}.
 */
@ValueObject
public record CompanionProfile(String displayName, String bio, PhotoUrl photo, Set<String> languages, Gender gender,
                               int birthYear, Set<SkillCategory> skills, int yearsOfExperience, ZoneId timeZone) {

    public static final String INVALID_BIRTH_YEAR = "INVALID_BIRTH_YEAR";
    public static final String INVALID_TIME_ZONE = TimeZones.INVALID;
    public static final String INVALID_EXPERIENCE = "INVALID_EXPERIENCE";
    public static final String TEXT_TOO_LONG = "TEXT_TOO_LONG";
    public static final int ADULT_AGE = 18;
    public static final int LONGEST_BIO = 2000;
    public static final int LONGEST_NAME = 80;
    public static final int MOST_LANGUAGES = 20;

    public CompanionProfile {
        displayName = RuleViolation.requireText(displayName, "displayName").strip();
        if (displayName.length() > LONGEST_NAME) {
            throw RuleViolation.invalid(TEXT_TOO_LONG, "displayName", "a display name has at most " + LONGEST_NAME
                    + " characters");
        }
        if (bio != null && bio.length() > LONGEST_BIO) {
            throw RuleViolation.invalid(TEXT_TOO_LONG, "bio", "a bio has at most " + LONGEST_BIO + " characters");
        }
        languages = Set.copyOf(LanguageCodes.requireAll(languages, "languages", MOST_LANGUAGES));
        RuleViolation.require(gender, "gender");
        skills = skills == null ? Set.of() : Set.copyOf(skills);
        if (yearsOfExperience < 0 || yearsOfExperience > 80) {
            throw RuleViolation.invalid(INVALID_EXPERIENCE, "yearsOfExperience", "years of experience are 0 to 80");
        }
        RuleViolation.require(timeZone, "timeZone");
    }

    /** Checks that someone born in {@code birthYear} is an adult in {@code today}'s year and plausibly alive. */
    public static int requireAdultBirthYear(int birthYear, Year today) {
        if (birthYear < 1900 || birthYear > today.getValue() - ADULT_AGE) {
            throw RuleViolation.invalid(INVALID_BIRTH_YEAR, "birthYear", "companions are adults: a year of birth "
                    + "from 1900 to " + (today.getValue() - ADULT_AGE));
        }
        return birthYear;
    }


    /** Skills from their catalog codes. */
    public static Set<SkillCategory> skills(List<String> codes) {
        var skills = new TreeSet<SkillCategory>();
        if (codes != null) {
            codes.forEach(code -> skills.add(SkillCategory.require(code, "skills")));
        }
        return Set.copyOf(skills);
    }

    /** The region members filter by: the first part of the IANA id ({@code Europe} of {@code Europe/Berlin}). */
    public String region() {
        return TimeZones.regionOf(timeZone.getId());
    }
}
