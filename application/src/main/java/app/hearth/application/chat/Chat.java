package app.hearth.application.chat;

import app.hearth.domain.access.Actor;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Chat between a member and a companion (semantics.md "Conversations and messages"). A conversation's two
 * participants see it, and staff whose reach covers its companion read it (as its companion sees it, each read in
 * the staff audit trail, never writing: {@code 403 CONVERSATION_READ_ONLY}); for anyone else it does not exist
 * ({@code CONVERSATION_NOT_FOUND}). A member's message is
 * paid before it is stored, in the same transaction ({@code 422 INSUFFICIENT_BALANCE} stores nothing); a retry with
 * the same client message id is the same message.
 */
@PrimaryPort
public interface Chat {

    /**
     * The other participant as the viewer may see them: a companion's public profile, a member's display name. A
     * member who closed their account is {@code former}: "Former member", their user id replaced by the closure's
     * pseudonym.
     */
    record Party(String userId, String role, String displayName, String photoUrl, String bio, List<String> languages,
                 String timeZone, Double rating, Integer ratingCount, boolean former) {
    }

    /** A stored message; {@code senderRole} member or companion. */
    record Message(String messageId, String conversationId, long seq, String clientMessageId, String senderId,
                   String senderRole, String text, Instant sentAt) {
    }

    /** Receipts as the viewer sees them; {@code readUpTo} null when a member does not send read receipts. */
    record ReceiptsView(long deliveredUpTo, Long readUpTo) {
    }

    /**
     * A conversation as one participant sees it: the other one, the last message, how many of the other side's
     * messages they have not read, their own receipts and the other side's.
     */
    record ConversationView(String conversationId, String memberId, String companionId, Party other, long lastSeq,
                            Message lastMessage, long unreadCount, ReceiptsView myReceipts,
                            ReceiptsView otherReceipts, Instant createdAt, Instant lastActivityAt) {
    }

    /**
     * A page of conversations. {@code nextCursor} pages on (null on the last page); {@code changesCursor} is the
     * cursor to ask later for the conversations changed since this answer ({@code changedSince}).
     */
    record ConversationPage(List<ConversationView> items, String nextCursor, String changesCursor) {
    }

    /** Messages in ascending sequence; {@code hasMore} when more lie beyond the page in the direction asked. */
    record MessagePage(List<Message> items, boolean hasMore) {
    }

    /** A message after a send; {@code alreadyRecorded} when the send was a retry of one stored before. */
    record Sent(Message message, boolean alreadyRecorded) {
    }

    /** The caller's conversations, newest activity first. */
    ConversationPage conversations(Actor actor, String cursor, int limit);

    /**
     * The caller's conversations changed since {@code changesCursor} (from a list or an earlier catch-up), in change
     * order; a conversation may come again, none is missed.
     */
    ConversationPage changedSince(Actor actor, String changesCursor, int limit);

    ConversationView conversation(Actor actor, String conversationId);

    Sent send(Actor actor, String conversationId, String clientMessageId, String text);

    /** A member writes to a companion, opening their conversation with the first message. */
    Sent sendToCompanion(Actor actor, String companionId, String clientMessageId, String text);

    /** Messages after {@code after} and/or before {@code before} (the newest when neither), ascending. */
    MessagePage messages(Actor actor, String conversationId, Long after, Long before, int limit);

    /** Moves the caller's receipts forward; the conversation as they now see it. */
    ConversationView receipts(Actor actor, String conversationId, Long deliveredUpTo, Long readUpTo);
}
