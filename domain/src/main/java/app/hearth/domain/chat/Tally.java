package app.hearth.domain.chat;

import org.jmolecules.ddd.annotation.ValueObject;

/** How many messages each side has sent, up to some point of a conversation. */
@ValueObject
public record Tally(long memberMessages, long companionMessages) {

    public static final Tally NONE = new Tally(0, 0);

    public long of(ChatRole role) {
        return role == ChatRole.MEMBER ? memberMessages : companionMessages;
    }

    /** The tally after one more message by {@code sender}. */
    public Tally after(ChatRole sender) {
        return sender == ChatRole.MEMBER ? new Tally(memberMessages + 1, companionMessages)
                : new Tally(memberMessages, companionMessages + 1);
    }
}
