package app.hearth.domain.chat;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A conversation between one member and one companion as its rules need it: its last sequence number, each side's
 * message count, each participant's receipts, and who sent the last message. A member opens it with their first
 * message; the companion may write only once they have, and no longer once the member closed their account
 * ({@code formerMember}: the member's ids are then replaced by the closure's pseudonym, ADR 0050).
 */
@ValueObject
public record Conversation(String conversationId, String memberId, String companionId, long lastSeq, Tally tally,
                           Receipts memberReceipts, Receipts companionReceipts, ChatRole lastSender,
                           boolean formerMember) {

    public static final String NOT_FOUND = "CONVERSATION_NOT_FOUND";
    public static final String NOT_OPENED = "CONVERSATION_NOT_OPENED";
    public static final String ONLY_MEMBERS_OPEN = "ONLY_MEMBERS_OPEN_CONVERSATIONS";
    /** A write (message, receipt, note) by staff who may only read the conversation. */
    public static final String READ_ONLY = "CONVERSATION_READ_ONLY";
    /** A message into a conversation whose member closed their account. */
    public static final String MEMBER_CLOSED = "CONVERSATION_MEMBER_CLOSED";
    /** How a member who closed their account is shown. */
    public static final String FORMER_MEMBER_NAME = "Former member";

    /**
     * Who reads a conversation: one of its two participants, or staff whose reach covers its companion (a supervisor
     * of the companion's team, an admin, a superadmin), who read it as its companion sees it and are audited.
     */
    public sealed interface Reader {

        /** One of the two participants, on {@code side}. */
        record Participant(ChatRole side) implements Reader {
        }

        /** Staff in scope: reading only. */
        record Staff() implements Reader {
        }
    }

    /** A conversation whose member has not closed their account. */
    public Conversation(String conversationId, String memberId, String companionId, long lastSeq, Tally tally,
                        Receipts memberReceipts, Receipts companionReceipts, ChatRole lastSender) {
        this(conversationId, memberId, companionId, lastSeq, tally, memberReceipts, companionReceipts, lastSender,
                false);
    }

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
     * The id of the pair's conversation when the ones before it ({@code generation} of them) belong to former
     * members: a user who closed their account and comes back with the same user id gets a conversation of their
     * own, whose id (and so whose message ids and wallet movements) differs from the former member's (ADR 0050).
     * Generation 0 is {@link #idOf(String, String)}.
     */
    public static String idOf(String memberId, String companionId, int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generations start at 0: " + generation);
        }
        return generation == 0 ? idOf(memberId, companionId)
                : UUID.nameUUIDFromBytes(("conversation\n" + memberId + "\n" + companionId + "\n" + generation)
                        .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The side {@code viewer} is on, or empty when they are not part of it. Staff in scope read it too
     * ({@link #requireReader}); they are never a side.
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

    /**
     * How {@code viewer} may read the conversation: as a participant, or as staff whose reach covers its companion
     * (ADR 0034's rule: {@code supervisorOf} gives the supervisor of a companion's team, asked only for a supervisor).
     * Anyone else, a supervisor of another team included, is told it does not exist.
     */
    public Reader requireReader(Actor viewer, Function<String, Optional<String>> supervisorOf) {
        Optional<ChatRole> side = sideOf(viewer);
        if (side.isPresent()) {
            return new Reader.Participant(side.get());
        }
        if (CompanionScope.reachOf(viewer).covers(companionId, supervisorOf)) {
            return new Reader.Staff();
        }
        throw notFound(conversationId);
    }

    /**
     * The side {@code viewer} writes on (a message, a receipt); staff who may read it are refused
     * ({@code 403 CONVERSATION_READ_ONLY}: they know it exists), anyone else is told it does not exist.
     */
    public ChatRole requireWriter(Actor viewer, Function<String, Optional<String>> supervisorOf) {
        return switch (requireReader(viewer, supervisorOf)) {
            case Reader.Participant participant -> participant.side();
            case Reader.Staff ignored -> throw readOnly();
        };
    }

    /**
     * How {@code viewer} may read the companion's notes about the member: the companion, or staff in scope. The
     * member is never told they exist: to them, as to anyone else, the notes answer as an unknown conversation does.
     */
    public Reader requireNotesReader(Actor viewer, Function<String, Optional<String>> supervisorOf) {
        Reader reader = requireReader(viewer, supervisorOf);
        if (reader instanceof Reader.Participant participant && participant.side() == ChatRole.MEMBER) {
            throw notFound(conversationId);
        }
        return reader;
    }

    /** Only the companion writes their notes; staff in scope read them ({@code 403}); anyone else: not found. */
    public void requireNotesWriter(Actor viewer, Function<String, Optional<String>> supervisorOf) {
        if (requireNotesReader(viewer, supervisorOf) instanceof Reader.Staff) {
            throw readOnly();
        }
    }

    public static RuleViolation readOnly() {
        return RuleViolation.forbidden(READ_ONLY, "staff read conversations; they never write in them");
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
        if (formerMember) {
            throw RuleViolation.conflict(MEMBER_CLOSED, "the member closed their account: the conversation is kept "
                    + "for its companion to read, and nobody writes in it any more");
        }
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
                memberReceipts, companionReceipts, sender, formerMember);
    }

    public Receipts receiptsOf(ChatRole side) {
        return side == ChatRole.MEMBER ? memberReceipts : companionReceipts;
    }

    public Conversation withReceipts(ChatRole side, Receipts receipts) {
        return side == ChatRole.MEMBER
                ? new Conversation(conversationId, memberId, companionId, lastSeq, tally, receipts, companionReceipts,
                        lastSender, formerMember)
                : new Conversation(conversationId, memberId, companionId, lastSeq, tally, memberReceipts, receipts,
                        lastSender, formerMember);
    }

    /** Messages of the other side after {@code side}'s read position: exact, whatever order receipts came in. */
    public long unreadFor(ChatRole side) {
        return tally.of(side.other()) - receiptsOf(side).otherMessagesRead();
    }
}
