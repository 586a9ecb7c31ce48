package app.hearth.domain.shared;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Languages as ISO 639-1 two-letter codes, lower case, as people list the languages they speak. */
public final class LanguageCodes {

    public static final String INVALID = "INVALID_LANGUAGE";
    private static final Set<String> KNOWN = Set.of(Locale.getISOLanguages());

    private LanguageCodes() {
    }

    /** The code in canonical form (trimmed, lower case), or a violation naming {@code field}. */
    public static String require(String code, String field) {
        String lower = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        if (lower.length() != 2 || !KNOWN.contains(lower)) {
            throw RuleViolation.invalid(INVALID, field,
                    "'" + code + "' is not an ISO 639-1 language code (two letters, such as en or de)");
        }
        return lower;
    }

    /** At least one and at most {@code most} codes, canonical, in the order given, without repeats. */
    public static List<String> requireAll(Iterable<String> codes, String field, int most) {
        var canonical = new LinkedHashSet<String>();
        if (codes != null) {
            codes.forEach(code -> canonical.add(require(code, field)));
        }
        if (canonical.isEmpty()) {
            throw RuleViolation.invalid("FIELD_REQUIRED", field, "name at least one language");
        }
        if (canonical.size() > most) {
            throw RuleViolation.invalid(INVALID, field, "at most " + most + " languages");
        }
        return List.copyOf(canonical);
    }
}
