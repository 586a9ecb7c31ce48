package app.hearth.domain.members;

import app.hearth.domain.shared.LanguageCodes;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TimeZones;
import app.hearth.domain.skills.SkillCategory;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a member tells Hearth about themself: a display name, birth year, the languages they speak (ISO 639-1),
 * their IANA time zone, interests from the skill catalog and an optional contact email.
 *
 * <p>The canonical constructor holds the rules that never change with time (so a stored profile is always
 * well-formed); {@link #create} adds the one that does: only adults, 18 or older by the end of the current
 * year. A birth year alone cannot tell whether someone born 18 years ago has had their birthday yet, so they
 * are accepted.
 */
@ValueObject
public record MemberProfile(String displayName, int birthYear, List<String> languages, String timeZone,
                            List<SkillCategory> interests, String contactEmail, boolean sendReadReceipts,
                            boolean pushPreview) {

    public static final String INVALID_DISPLAY_NAME = "INVALID_DISPLAY_NAME";
    public static final String INVALID_BIRTH_YEAR = "INVALID_BIRTH_YEAR";
    public static final String INVALID_LANGUAGE = LanguageCodes.INVALID;
    public static final String INVALID_TIME_ZONE = TimeZones.INVALID;
    public static final String UNKNOWN_INTEREST = "UNKNOWN_INTEREST";
    public static final String INVALID_EMAIL = "INVALID_EMAIL";

    public static final int MAX_DISPLAY_NAME = 60;
    public static final int EARLIEST_BIRTH_YEAR = 1900;
    public static final int ADULT_AGE = 18;
    public static final int MAX_LANGUAGES = 10;
    public static final int MAX_EMAIL = 254;

    /** Joins emoji sequences; every other invisible formatting character is refused in names. */
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    /** The WHATWG (HTML) form of an email address, with at least one dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
            + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public MemberProfile {
        displayName = displayName(displayName);
        if (birthYear < EARLIEST_BIRTH_YEAR) {
            throw RuleViolation.invalid(INVALID_BIRTH_YEAR, "birthYear",
                    "birthYear must be " + EARLIEST_BIRTH_YEAR + " or later");
        }
        languages = languages(languages);
        timeZone = timeZone(timeZone);
        interests = interests == null ? List.of() : List.copyOf(new LinkedHashSet<>(interests));
        contactEmail = contactEmail(contactEmail);
    }

    /** A profile that sends read receipts and shows message text in pushes (the defaults). */
    public MemberProfile(String displayName, int birthYear, List<String> languages, String timeZone,
                         List<SkillCategory> interests, String contactEmail) {
        this(displayName, birthYear, languages, timeZone, interests, contactEmail, true, true);
    }

    /** This profile with the chat setting: whether the other side of a conversation sees how far the member read. */
    public MemberProfile withSendReadReceipts(boolean send) {
        return new MemberProfile(displayName, birthYear, languages, timeZone, interests, contactEmail, send,
                pushPreview);
    }

    /**
     * This profile with the push setting: whether a chat push shows the message's text (shortened) or only "New
     * message". It is the member's notification setting (adr/0049), shown and set here too.
     */
    public MemberProfile withPushPreview(boolean preview) {
        return new MemberProfile(displayName, birthYear, languages, timeZone, interests, contactEmail,
                sendReadReceipts, preview);
    }

    /**
     * A profile from what a member sent: codes as text, checked against the catalogs, and only adults relative
     * to {@code currentYear} (the clock is the caller's).
     */
    public static MemberProfile create(String displayName, Integer birthYear, List<String> languages,
                                       String timeZone, List<String> interests, String contactEmail,
                                       Year currentYear) {
        RuleViolation.require(birthYear, "birthYear");
        int latest = currentYear.getValue() - ADULT_AGE;
        if (birthYear > latest) {
            throw RuleViolation.invalid(INVALID_BIRTH_YEAR, "birthYear",
                    "Hearth is for adults: birthYear must be " + latest + " or earlier");
        }
        return new MemberProfile(displayName, birthYear, languages, timeZone, interestCodes(interests),
                contactEmail);
    }

    private static String displayName(String name) {
        String trimmed = RuleViolation.requireText(name, "displayName").strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_DISPLAY_NAME) {
            throw RuleViolation.invalid(INVALID_DISPLAY_NAME, "displayName",
                    "displayName has at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c)
                || (Character.getType(c) == Character.FORMAT && c != ZERO_WIDTH_JOINER))) {
            throw RuleViolation.invalid(INVALID_DISPLAY_NAME, "displayName",
                    "displayName must not contain control characters");
        }
        return trimmed;
    }

    private static List<String> languages(List<String> codes) {
        return LanguageCodes.requireAll(codes, "languages", MAX_LANGUAGES);
    }

    private static String timeZone(String id) {
        return TimeZones.require(id, "timeZone").getId();
    }

    private static List<SkillCategory> interestCodes(List<String> codes) {
        if (codes == null) {
            return List.of();
        }
        var categories = new ArrayList<SkillCategory>();
        for (String code : codes) {
            categories.add(SkillCategory.ofCode(code).orElseThrow(() -> RuleViolation.invalid(UNKNOWN_INTEREST,
                    "interests", "'" + code + "' is not a category of the skill catalog")));
        }
        return categories;
    }

    private static String contactEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches()) {
            throw RuleViolation.invalid(INVALID_EMAIL, "contactEmail", "contactEmail is not an email address");
        }
        return trimmed;
    }
}
