package app.hearth.domain.chat;

import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A stored message: its id (derived from the conversation, the sender and the client's id, so that a retry after any
 * crash names the same message and the same wallet movement), its server-given sequence, its sender and text, and
 * each side's message count up to it.
 */
@ValueObject
public record ChatMessage(String messageId, String conversationId, long seq, ClientMessageId clientMessageId,
                          String senderId, ChatRole senderRole, MessageText text, Tally tally, Instant sentAt) {

    public ChatMessage {
        RuleViolation.requireText(messageId, "messageId");
        if (seq < 1) {
            throw new IllegalArgumentException("sequences start at 1: " + seq);
        }
    }

    /** The id of the message {@code senderId} sends with {@code clientMessageId} in {@code conversationId}. */
    public static String idOf(String conversationId, String senderId, ClientMessageId clientMessageId) {
        return UUID.nameUUIDFromBytes(("chat-message\n" + conversationId + "\n" + senderId + "\n"
                + clientMessageId.value()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
