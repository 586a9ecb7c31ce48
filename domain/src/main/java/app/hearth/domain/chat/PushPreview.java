package app.hearth.domain.chat;

/**
 * What a chat push shows of a message: its text on one line, shortened to {@value #MAX_CHARACTERS} characters (code
 * points, an ellipsis included) so a notification never carries a whole message, or only {@value #HIDDEN} when the
 * recipient chose no preview.
 */
public final class PushPreview {

    /** The longest body of a chat push, in characters (code points). */
    public static final int MAX_CHARACTERS = 100;
    /** The body when the recipient chose no preview. */
    public static final String HIDDEN = "New message";
    static final String ELLIPSIS = "…";

    private PushPreview() {
    }

    /** The body of a push for {@code text}: shortened when {@code shown}, else {@value #HIDDEN}. */
    public static String body(String text, boolean shown) {
        if (!shown || text == null) {
            return HIDDEN;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return HIDDEN;
        }
        if (line.codePointCount(0, line.length()) <= MAX_CHARACTERS) {
            return line;
        }
        // the first 99 characters (never half of a surrogate pair), trailing spaces dropped, then the ellipsis
        String head = line.substring(0, line.offsetByCodePoints(0, MAX_CHARACTERS - 1)).stripTrailing();
        return head + ELLIPSIS;
    }
}
