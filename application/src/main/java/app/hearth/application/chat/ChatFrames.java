package app.hearth.application.chat;

import java.time.Instant;

/** The real-time frames of chat, each a JSON object naming its {@code type}; sent only after the fact committed. */
public final class ChatFrames {

    private ChatFrames() {
    }

    /** A stored message, to both participants. */
    public record MessageFrame(String type, String conversationId, long seq, String messageId, String clientMessageId,
                               String senderId, String senderRole, String text, Instant sentAt) {
        static MessageFrame of(Chat.Message message) {
            return new MessageFrame("message", message.conversationId(), message.seq(), message.messageId(),
                    message.clientMessageId(), message.senderId(), message.senderRole(), message.text(),
                    message.sentAt());
        }
    }

    /** A participant's receipts as the recipient may see them ({@code readUpTo} null when not shared). */
    public record ReceiptFrame(String type, String conversationId, String userId, String role, long deliveredUpTo,
                               Long readUpTo) {
    }

    /** A changed conversation as the recipient sees it. */
    public record ConversationFrame(String type, Chat.ConversationView conversation) {
    }

    /**
     * The other participant is typing ({@code stopped}: they stopped), to the recipient only; never stored. Stop
     * showing it at {@code expiresAt} unless a newer one came.
     */
    public record TypingFrame(String type, String conversationId, String userId, String role, Instant expiresAt,
                              boolean stopped) {
    }
}
