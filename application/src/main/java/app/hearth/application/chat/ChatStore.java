package app.hearth.application.chat;

import app.hearth.domain.chat.ChatMessage;
import app.hearth.domain.chat.ChatRole;
import app.hearth.domain.chat.ClientMessageId;
import app.hearth.domain.chat.Conversation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Where conversations and messages are kept. Every change of a conversation (a message, a receipt) is made under its
 * row lock ({@link #lock}) in the caller's transaction; the next message takes {@code last_seq + 1} there, so
 * sequences have no gap whatever the number of senders and nodes. Each change also takes the next change number of
 * both participants, last, under their locks, so that each user's changes commit in number order.
 */
@SecondaryPort
public interface ChatStore {

    /**
     * A conversation as stored: its rules' state, when it began and last had a message, its last message (null
     * before the first), its position in the activity order, and its last change's number for each participant.
     */
    record Stored(Conversation conversation, Instant createdAt, Instant lastActivityAt, ChatMessage lastMessage,
                  long activityNo, long memberChange, long companionChange) {

        public long changeFor(ChatRole side) {
            return side == ChatRole.MEMBER ? memberChange : companionChange;
        }
    }

    /** A conversation as last committed, without a lock. */
    Optional<Stored> find(String conversationId);

    /** The conversation of a pair, as last committed. */
    Optional<Stored> findPair(String memberId, String companionId);

    /** Reads and locks the conversation until the transaction ends, with its last message (one statement). */
    Optional<Stored> lock(String conversationId);

    /**
     * Creates {@code conversation} unless its pair has one (a concurrent creation waits for the other and then finds
     * it), with both participants' change counters when it creates it, and locks it until the transaction ends.
     */
    Stored lockOrCreate(Conversation conversation, Instant at);

    /** The message {@code senderId} sent with {@code clientMessageId}, if any. */
    Optional<ChatMessage> findByClientId(String conversationId, String senderId, ClientMessageId clientMessageId);

    Optional<ChatMessage> messageAt(String conversationId, long seq);

    /**
     * Inserts {@code message} at its sequence (the conversation's {@code last_seq + 1}; the caller holds the lock)
     * unless its sender already sent its client message id in the conversation: then nothing is inserted and the
     * earlier message is answered (the retry check is the unique key, so a new message costs one statement). The
     * caller then {@linkplain #append appends} it or rolls the transaction back.
     */
    Optional<ChatMessage> insertUnlessSent(ChatMessage message);

    /**
     * Moves the conversation from {@code before} to {@code after} with {@code message} (inserted by
     * {@link #insertUnlessSent}) as its last: {@code last_seq + 1}, which must be {@code message.seq()}, the tallies,
     * the activity and the change numbers; the caller holds the lock.
     */
    Stored append(Stored before, Conversation after, ChatMessage message);

    /** Stores new receipts of {@code side} of the conversation locked as {@code before}; the caller holds the lock. */
    Stored saveReceipts(Stored before, Conversation after, ChatRole side, Instant at);

    /** Messages with {@code after < seq < before} (either bound may be null), the newest ones first when {@code newestFirst}. */
    List<ChatMessage> messages(String conversationId, Long after, Long before, int limit, boolean newestFirst);

    /** {@code userId}'s conversations, newest activity first, below activity {@code beforeActivity} (null: from the top). */
    List<Stored> conversationsOf(String userId, Long beforeActivity, int limit);

    /**
     * The number of {@code userId}'s last committed change (0 before any). A change of a conversation takes the next
     * number of each participant under a lock held until it commits, so every change up to it is committed.
     */
    long lastChange(String userId);

    /** {@code userId}'s conversations last changed after their change {@code afterChange}, in change order. */
    List<Stored> changedSince(String userId, long afterChange, int limit);
}
