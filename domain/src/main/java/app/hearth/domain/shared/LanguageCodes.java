package app.hearth.domain.shared;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Languages as ISO 639-1 two-letter codes, lower case, as people list the languages they speak. */
public final class LanguageCodes {

    public static final String INVALID = "INVALID_LANGUAGE";
    private static final Set<String> KNOWN = Set.of(Locale.getISOLanguages());
    private static final int MOST = 20;

    private LanguageCodes() {
    }

    public static boolean isKnown(String code) {
        return code != null && KNOWN.contains(code.trim().toLowerCase(Locale.ROOT));
    }

    /** The code in canonical form, or a violation naming {@code field}. */
    public static String require(String code, String field) {
        if (!isKnown(code)) {
            throw RuleViolation.invalid(INVALID, field, "'" + code + "' is not an ISO 639-1 language code");
        }
        return code.trim().toLowerCase(Locale.ROOT);
    }

    /** All codes canonical, in the order given, without repeats; at most twenty. */
    public static Set<String> requireAll(Iterable<String> codes, String field) {
        var canonical = new LinkedHashSet<String>();
        if (codes != null) {
            codes.forEach(code -> canonical.add(require(code, field)));
        }
        if (canonical.size() > MOST) {
            throw RuleViolation.invalid(INVALID, field, "at most " + MOST + " languages");
        }
        return Set.copyOf(canonical);
    }
}
