package app.hearth.domain.chat;

import app.hearth.domain.shared.RuleViolation;
import org.jmolecules.ddd.annotation.ValueObject;

/** A message's text: trimmed, not empty, at most {@value #MAX_CHARACTERS} characters (code points) after trimming. */
@ValueObject
public record MessageText(String value) {

    public static final int MAX_CHARACTERS = 4_000;
    public static final String EMPTY = "MESSAGE_TEXT_EMPTY";
    public static final String TOO_LONG = "MESSAGE_TEXT_TOO_LONG";

    public MessageText {
        if (value == null || value.strip().isEmpty()) {
            throw RuleViolation.invalid(EMPTY, "text", "a message has text (not only spaces)");
        }
        value = value.strip();
        if (value.codePointCount(0, value.length()) > MAX_CHARACTERS) {
            throw RuleViolation.invalid(TOO_LONG, "text",
                    "a message has at most " + MAX_CHARACTERS + " characters after trimming");
        }
    }
}
