package app.hearth.domain.chat;

import app.hearth.domain.shared.RuleViolation;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A companion's private notes about the member of a conversation: trimmed, at most {@value #MAX_CHARACTERS}
 * characters (code points); empty clears them (the earlier versions stay in the history).
 */
@ValueObject
public record NoteText(String value) {

    public static final int MAX_CHARACTERS = 4_000;
    public static final String TOO_LONG = "NOTE_TEXT_TOO_LONG";

    public NoteText {
        RuleViolation.require(value, "text");
        value = value.strip();
        if (value.codePointCount(0, value.length()) > MAX_CHARACTERS) {
            throw RuleViolation.invalid(TOO_LONG, "text",
                    "notes have at most " + MAX_CHARACTERS + " characters after trimming");
        }
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }
}
