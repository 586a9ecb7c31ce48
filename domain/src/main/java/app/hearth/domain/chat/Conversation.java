package app.hearth.domain.chat;

import app.hearth.domain.access.Actor;
import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A conversation between one member and one companion as its rules need it: its last sequence number, each side's
 * message count, each participant's receipts, and who sent the last message. A member opens it with their first
 * message; the companion may write only once they have.
 */
@ValueObject
public record Conversation(String conversationId, String memberId, String companionId, long lastSeq, Tally tally,
                           Receipts memberReceipts, Receipts companionReceipts, ChatRole lastSender) {

    public static final String NOT_FOUND = "CONVERSATION_NOT_FOUND";
    public static final String NOT_OPENED = "CONVERSATION_NOT_OPENED";
    public static final String ONLY_MEMBERS_OPEN = "ONLY_MEMBERS_OPEN_CONVERSATIONS";

    public Conversation {
        RuleViolation.requireText(conversationId, "conversationId");
        RuleViolation.requireText(memberId, "memberId");
        RuleViolation.requireText(companionId, "companionId");
        Objects.requireNonNull(tally);
        Objects.requireNonNull(memberReceipts);
        Objects.requireNonNull(companionReceipts);
        if (tally.memberMessages() + tally.companionMessages() != lastSeq) {
            throw new IllegalArgumentException("the tally " + tally + " does not add up to " + lastSeq);
        }
    }

    /** A conversation nobody has written in yet (it is stored only with the member's first message). */
    public static Conversation start(String memberId, String companionId) {
        return new Conversation(idOf(memberId, companionId), memberId, companionId, 0, Tally.NONE, Receipts.NONE,
                Receipts.NONE, null);
    }

    /** The id of the one conversation of a member-companion pair: the same pair always names the same one. */
    public static String idOf(String memberId, String companionId) {
        return UUID.nameUUIDFromBytes(("conversation\n" + memberId + "\n" + companionId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The side {@code viewer} is on, or empty when they are not part of it. Only the two participants see a
     * conversation; staff scope (a supervisor over their team's companions, admins over all, audited) comes here.
     */
    public Optional<ChatRole> sideOf(Actor viewer) {
        if (viewer.userId().equals(memberId)) {
            return Optional.of(ChatRole.MEMBER);
        }
        if (viewer.userId().equals(companionId)) {
            return Optional.of(ChatRole.COMPANION);
        }
        return Optional.empty();
    }

    /** The viewer's side; anyone else is told it does not exist, as for an unknown id. */
    public ChatRole requireParticipant(Actor viewer) {
        return sideOf(viewer).orElseThrow(() -> notFound(conversationId));
    }

    public static RuleViolation notFound(String conversationId) {
        return RuleViolation.notFound(NOT_FOUND, "no conversation " + conversationId);
    }

    public String userOf(ChatRole side) {
        return side == ChatRole.MEMBER ? memberId : companionId;
    }

    /** Whether the member has opened it (sent a first message). */
    public boolean opened() {
        return tally.memberMessages() > 0;
    }

    /** Refuses a message of {@code sender} that the rules do not allow: a companion writes only once it is opened. */
    public void requireMayWrite(ChatRole sender) {
        if (sender == ChatRole.COMPANION && !opened()) {
            throw RuleViolation.conflict(NOT_OPENED, "a companion may write only in a conversation the member opened");
        }
    }

    /**
     * Whether a message of {@code sender} now earns the companion a chat-message credit: the companion's first message
     * after a member message (the one at {@link #lastSeq}, whose id is the credit's source), so one credit per
     * answered member message, however many replies.
     */
    public boolean earns(ChatRole sender) {
        return sender == ChatRole.COMPANION && lastSender == ChatRole.MEMBER;
    }

    /** The conversation with one more message of {@code sender}, at {@code lastSeq + 1}. */
    public Conversation append(ChatRole sender) {
        requireMayWrite(sender);
        return new Conversation(conversationId, memberId, companionId, lastSeq + 1, tally.after(sender),
                memberReceipts, companionReceipts, sender);
    }

    public Receipts receiptsOf(ChatRole side) {
        return side == ChatRole.MEMBER ? memberReceipts : companionReceipts;
    }

    public Conversation withReceipts(ChatRole side, Receipts receipts) {
        return side == ChatRole.MEMBER
                ? new Conversation(conversationId, memberId, companionId, lastSeq, tally, receipts, companionReceipts,
                        lastSender)
                : new Conversation(conversationId, memberId, companionId, lastSeq, tally, memberReceipts, receipts,
                        lastSender);
    }

    /** Messages of the other side after {@code side}'s read position: exact, whatever order receipts came in. */
    public long unreadFor(ChatRole side) {
        return tally.of(side.other()) - receiptsOf(side).otherMessagesRead();
    }
}
