package app.hearth.domain.companions;

import app.hearth.domain.shared.RuleViolation;
import java.util.Locale;

/** How a companion describes their gender on their public profile; members may filter by it. */
public enum Gender {
    FEMALE, MALE, NON_BINARY, UNDISCLOSED;

    public static final String UNKNOWN = "UNKNOWN_GENDER";

    /** The gender written {@code code} (any case), or a violation naming {@code field}. */
    public static Gender ofCode(String code, String field) {
        try {
            return valueOf(RuleViolation.requireText(code, field).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw RuleViolation.invalid(UNKNOWN, field, "gender must be one of female, male, non_binary, undisclosed");
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
