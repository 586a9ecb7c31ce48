package app.hearth.domain.chat;

import app.hearth.domain.shared.RuleViolation;
import java.util.regex.Pattern;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The id a sending client chose for a message (1 to 128 of {@code A-Za-z0-9._:-}, a UUID for instance): a retry
 * with the same id, by the same sender in the same conversation, is the same message.
 */
@ValueObject
public record ClientMessageId(String value) {

    public static final String INVALID = "INVALID_CLIENT_MESSAGE_ID";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ClientMessageId {
        RuleViolation.requireText(value, "clientMessageId");
        if (!SHAPE.matcher(value).matches()) {
            throw RuleViolation.invalid(INVALID, "clientMessageId",
                    "clientMessageId is 1 to 128 of A-Za-z0-9._:-");
        }
    }
}
