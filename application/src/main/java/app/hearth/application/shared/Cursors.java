package app.hearth.application.shared;

import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors: an URL-safe Base64 of a tagged position, refused when they were not made here. */
public final class Cursors {

    public static final String INVALID_CURSOR = "INVALID_CURSOR";
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;

    private Cursors() {
    }

    public static String encode(String tag, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((tag + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position inside {@code cursor}, or null for no cursor. */
    public static String decode(String tag, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(tag + ":")) {
                throw new IllegalArgumentException(text);
            }
            return text.substring(tag.length() + 1);
        } catch (IllegalArgumentException malformed) {
            throw RuleViolation.invalid(INVALID_CURSOR, "cursor", "the cursor is not one this API gave out");
        }
    }

    public static Long decodeLong(String tag, String cursor) {
        String position = decode(tag, cursor);
        if (position == null) {
            return null;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException malformed) {
            throw RuleViolation.invalid(INVALID_CURSOR, "cursor", "the cursor is not one this API gave out");
        }
    }

    /** The page size to use: the default when none was asked, refused above the maximum. */
    public static int limit(int asked) {
        if (asked <= 0) {
            return DEFAULT_PAGE;
        }
        if (asked > MAX_PAGE) {
            throw RuleViolation.invalid("PAGE_TOO_LARGE", "limit", "a page holds at most " + MAX_PAGE + " items");
        }
        return asked;
    }
}
