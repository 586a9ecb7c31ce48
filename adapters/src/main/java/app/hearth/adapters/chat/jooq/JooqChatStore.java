package app.hearth.adapters.chat.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CHAT_MESSAGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.CHAT_USER_CHANGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.CONVERSATION;

import app.hearth.application.chat.ChatStore;
import app.hearth.domain.chat.ChatMessage;
import app.hearth.domain.chat.ChatRole;
import app.hearth.domain.chat.ClientMessageId;
import app.hearth.domain.chat.Conversation;
import app.hearth.domain.chat.MessageText;
import app.hearth.domain.chat.Receipts;
import app.hearth.domain.chat.Tally;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Conversations and messages in plain tables (ADR 0047). A message is stored under its conversation's row lock:
 * {@code update conversation set last_seq = last_seq + 1 ... returning last_seq} gives its sequence, then the message
 * row is inserted, in the caller's transaction. Last, each change takes the next number of both participants in
 * {@code chat_user_change} (rows locked in user id order, so two changes never wait on each other in a circle), held
 * until the commit: each user's changes commit in the order of their numbers, and a catch-up after number N misses
 * none.
 */
@Component
public class JooqChatStore implements ChatStore {

    /** How many closed conversations of one pair a returning user may leave behind. */
    private static final int MAX_GENERATIONS = 1_000;
    private static final Field<Long> NEXT_ACTIVITY = DSL.field("nextval('conversation_activity_seq')", Long.class);

    private final DSLContext sql;

    public JooqChatStore(DSLContext sql) {
        this.sql = sql;
    }

    private SelectJoinStep<Record> withLastMessage() {
        return sql.select(CONVERSATION.fields()).select(CHAT_MESSAGE.fields()).from(CONVERSATION)
                .leftJoin(CHAT_MESSAGE).on(CHAT_MESSAGE.CONVERSATION_ID.eq(CONVERSATION.CONVERSATION_ID)
                        .and(CHAT_MESSAGE.SEQ.eq(CONVERSATION.LAST_SEQ)));
    }

    @Override
    public Optional<Stored> find(String conversationId) {
        return withLastMessage().where(CONVERSATION.CONVERSATION_ID.eq(conversationId)).fetchOptional(this::stored);
    }

    @Override
    public Optional<Stored> findPair(String memberId, String companionId) {
        return withLastMessage().where(CONVERSATION.MEMBER_ID.eq(memberId).and(CONVERSATION.COMPANION_ID
                .eq(companionId)).and(CONVERSATION.MEMBER_CLOSED_AT.isNull())).fetchOptional(this::stored);
    }

    @Override
    public Optional<Stored> lock(String conversationId) {
        // the row and its last message in one statement; only the conversation row is locked
        return withLastMessage().where(CONVERSATION.CONVERSATION_ID.eq(conversationId)).forUpdate().of(CONVERSATION)
                .fetchOptional(this::stored).map(this::afterWait);
    }

    /**
     * {@code locked} as it stands. A lock that waited for another transaction's commit reads that transaction's
     * version of the conversation row, but (read committed, one snapshot per statement) not the message it added:
     * PostgreSQL re-checks the join against the message row it had found, and the left join answers no last message.
     * Then the last message is read again, in a statement that sees the commit waited for.
     */
    private Stored afterWait(Stored locked) {
        long lastSeq = locked.conversation().lastSeq();
        ChatMessage last = locked.lastMessage();
        boolean consistent = lastSeq == 0 ? last == null : last != null && last.seq() == lastSeq;
        return consistent ? locked : find(locked.conversation().conversationId()).orElseThrow();
    }

    @Override
    public Stored lockOrCreate(Conversation conversation, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String member = conversation.memberId();
        String companion = conversation.companionId();
        // the pair's id, or the next generation's when a former member's conversation holds it (ADR 0050: a user
        // who closed their account and came back has a conversation of their own)
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            String id = Conversation.idOf(member, companion, generation);
            // a concurrent creation of the same pair waits on the key for the other to commit, then inserts nothing
            boolean created = sql.insertInto(CONVERSATION)
                    .set(CONVERSATION.CONVERSATION_ID, id)
                    .set(CONVERSATION.MEMBER_ID, member)
                    .set(CONVERSATION.COMPANION_ID, companion)
                    .set(CONVERSATION.CREATED_AT, when)
                    .set(CONVERSATION.LAST_ACTIVITY_AT, when)
                    .set(CONVERSATION.ACTIVITY_NO, NEXT_ACTIVITY)
                    .set(CONVERSATION.MEMBER_CHANGE, 0L)
                    .set(CONVERSATION.COMPANION_CHANGE, 0L)
                    .onConflictDoNothing()
                    .execute() == 1;
            if (created) {
                // the participants' change counters, once per conversation instead of once per change
                sql.insertInto(CHAT_USER_CHANGE, CHAT_USER_CHANGE.USER_ID, CHAT_USER_CHANGE.LAST_CHANGE)
                        .values(member, 0L).values(companion, 0L).onConflictDoNothing().execute();
            }
            Optional<Stored> open = withLastMessage()
                    .where(CONVERSATION.MEMBER_ID.eq(member).and(CONVERSATION.COMPANION_ID.eq(companion))
                            .and(CONVERSATION.MEMBER_CLOSED_AT.isNull()))
                    .forUpdate().of(CONVERSATION).fetchOptional(this::stored).map(this::afterWait);
            if (open.isPresent()) {
                return open.get();
            }
        }
        throw new IllegalStateException("no free conversation id for a pair after " + MAX_GENERATIONS
                + " former members' conversations");
    }

    @Override
    public Optional<ChatMessage> findByClientId(String conversationId, String senderId, ClientMessageId clientId) {
        return sql.selectFrom(CHAT_MESSAGE).where(CHAT_MESSAGE.CONVERSATION_ID.eq(conversationId)
                        .and(CHAT_MESSAGE.SENDER_ID.eq(senderId))
                        .and(CHAT_MESSAGE.CLIENT_MESSAGE_ID.eq(clientId.value())))
                .fetchOptional(row -> message(row));
    }

    @Override
    public Optional<ChatMessage> messageAt(String conversationId, long seq) {
        return sql.selectFrom(CHAT_MESSAGE).where(CHAT_MESSAGE.CONVERSATION_ID.eq(conversationId)
                .and(CHAT_MESSAGE.SEQ.eq(seq))).fetchOptional(row -> message(row));
    }

    @Override
    public Optional<ChatMessage> insertUnlessSent(ChatMessage message) {
        // only the client id's key is a retry: a clash on (conversation, seq) under the lock is a bug and fails
        boolean inserted = sql.insertInto(CHAT_MESSAGE)
                .set(CHAT_MESSAGE.CONVERSATION_ID, message.conversationId())
                .set(CHAT_MESSAGE.SEQ, message.seq())
                .set(CHAT_MESSAGE.MESSAGE_ID, message.messageId())
                .set(CHAT_MESSAGE.CLIENT_MESSAGE_ID, message.clientMessageId().value())
                .set(CHAT_MESSAGE.SENDER_ID, message.senderId())
                .set(CHAT_MESSAGE.SENDER_ROLE, message.senderRole().wire())
                .set(CHAT_MESSAGE.TEXT, message.text().value())
                .set(CHAT_MESSAGE.MEMBER_COUNT, message.tally().memberMessages())
                .set(CHAT_MESSAGE.COMPANION_COUNT, message.tally().companionMessages())
                .set(CHAT_MESSAGE.SENT_AT, message.sentAt().atOffset(ZoneOffset.UTC))
                .onConflict(CHAT_MESSAGE.CONVERSATION_ID, CHAT_MESSAGE.SENDER_ID, CHAT_MESSAGE.CLIENT_MESSAGE_ID)
                .doNothing()
                .execute() == 1;
        if (inserted) {
            return Optional.empty();
        }
        return Optional.of(findByClientId(message.conversationId(), message.senderId(), message.clientMessageId())
                .orElseThrow(() -> new IllegalStateException("message " + message.messageId() + " clashed with none")));
    }

    @Override
    public Stored append(Stored before, Conversation after, ChatMessage message) {
        OffsetDateTime when = message.sentAt().atOffset(ZoneOffset.UTC);
        Changes changes = takeChanges(before);
        Record row = sql.update(CONVERSATION)
                .set(CONVERSATION.LAST_SEQ, CONVERSATION.LAST_SEQ.plus(1))
                .set(CONVERSATION.MEMBER_MESSAGES, after.tally().memberMessages())
                .set(CONVERSATION.COMPANION_MESSAGES, after.tally().companionMessages())
                .set(CONVERSATION.LAST_ACTIVITY_AT, when)
                .set(CONVERSATION.ACTIVITY_NO, NEXT_ACTIVITY)
                .set(CONVERSATION.MEMBER_CHANGE, changes.member())
                .set(CONVERSATION.COMPANION_CHANGE, changes.companion())
                .where(CONVERSATION.CONVERSATION_ID.eq(after.conversationId()))
                .returning(CONVERSATION.fields())
                .fetchOne();
        Long seq = row == null ? null : row.get(CONVERSATION.LAST_SEQ);
        if (seq == null || seq != message.seq() || seq != after.lastSeq()) {
            throw new IllegalStateException("conversation " + after.conversationId() + " moved to " + seq
                    + " while message " + message.seq() + " was written under its lock");
        }
        return stored(row, message);
    }

    @Override
    public Stored saveReceipts(Stored before, Conversation after, ChatRole side, Instant at) {
        Receipts receipts = after.receiptsOf(side);
        Changes changes = takeChanges(before);
        var update = side == ChatRole.MEMBER
                ? sql.update(CONVERSATION)
                        .set(CONVERSATION.MEMBER_DELIVERED_UP_TO, receipts.deliveredUpTo())
                        .set(CONVERSATION.MEMBER_READ_UP_TO, receipts.readUpTo())
                        .set(CONVERSATION.MEMBER_READ_COUNT, receipts.otherMessagesRead())
                : sql.update(CONVERSATION)
                        .set(CONVERSATION.COMPANION_DELIVERED_UP_TO, receipts.deliveredUpTo())
                        .set(CONVERSATION.COMPANION_READ_UP_TO, receipts.readUpTo())
                        .set(CONVERSATION.COMPANION_READ_COUNT, receipts.otherMessagesRead());
        Record row = update
                .set(CONVERSATION.MEMBER_CHANGE, changes.member())
                .set(CONVERSATION.COMPANION_CHANGE, changes.companion())
                .where(CONVERSATION.CONVERSATION_ID.eq(after.conversationId()))
                .returning(CONVERSATION.fields())
                .fetchOne();
        return stored(row, before.lastMessage());
    }

    /** Both participants' numbers for one change of a conversation. */
    private record Changes(long member, long companion) {
    }

    /**
     * Takes the next change number of each participant, their rows locked in user id order until the commit; the
     * caller writes them to the (already locked) conversation row in its last statement, so nothing else is waited
     * for while they are held. A counter row missing (the conversation was opened before counters were created with
     * it) is created and taken then.
     */
    private Changes takeChanges(Stored before) {
        Conversation conversation = before.conversation();
        String member = conversation.memberId();
        String companion = conversation.companionId();
        // a former member (ADR 0050) has no change counter: their pseudonym follows no conversation
        List<String> users = conversation.formerMember() ? List.of(companion)
                : java.util.stream.Stream.of(member, companion).sorted().toList();
        long memberChange = before.memberChange();
        long companionChange = before.companionChange();
        for (String user : users) {
            long number = nextChange(user);
            if (user.equals(member) && !conversation.formerMember()) {
                memberChange = number;
            } else {
                companionChange = number;
            }
        }
        return new Changes(memberChange, companionChange);
    }

    private long nextChange(String user) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Long number = sql.update(CHAT_USER_CHANGE)
                    .set(CHAT_USER_CHANGE.LAST_CHANGE, CHAT_USER_CHANGE.LAST_CHANGE.plus(1))
                    .where(CHAT_USER_CHANGE.USER_ID.eq(user))
                    .returningResult(CHAT_USER_CHANGE.LAST_CHANGE)
                    .fetchOne(CHAT_USER_CHANGE.LAST_CHANGE);
            if (number != null) {
                return number;
            }
            sql.insertInto(CHAT_USER_CHANGE, CHAT_USER_CHANGE.USER_ID, CHAT_USER_CHANGE.LAST_CHANGE)
                    .values(user, 0L).onConflictDoNothing().execute();
        }
        throw new IllegalStateException("no change counter for " + user);
    }

    @Override
    public List<ChatMessage> messages(String conversationId, Long after, Long before, int limit,
                                      boolean newestFirst) {
        Condition where = CHAT_MESSAGE.CONVERSATION_ID.eq(conversationId);
        if (after != null) {
            where = where.and(CHAT_MESSAGE.SEQ.gt(after));
        }
        if (before != null) {
            where = where.and(CHAT_MESSAGE.SEQ.lt(before));
        }
        return sql.selectFrom(CHAT_MESSAGE).where(where)
                .orderBy(newestFirst ? CHAT_MESSAGE.SEQ.desc() : CHAT_MESSAGE.SEQ.asc())
                .limit(limit)
                .fetch(row -> message(row));
    }

    @Override
    public List<Stored> conversationsOf(String userId, Long beforeActivity, int limit) {
        Condition where = CONVERSATION.MEMBER_ID.eq(userId).or(CONVERSATION.COMPANION_ID.eq(userId));
        if (beforeActivity != null) {
            where = DSL.and(where, CONVERSATION.ACTIVITY_NO.lt(beforeActivity));
        }
        return withLastMessage().where(where).orderBy(CONVERSATION.ACTIVITY_NO.desc()).limit(limit)
                .fetch(this::stored);
    }

    @Override
    public long lastChange(String userId) {
        return sql.select(CHAT_USER_CHANGE.LAST_CHANGE).from(CHAT_USER_CHANGE)
                .where(CHAT_USER_CHANGE.USER_ID.eq(userId)).fetchOptional(CHAT_USER_CHANGE.LAST_CHANGE).orElse(0L);
    }

    @Override
    public List<Stored> changedSince(String userId, long afterChange, int limit) {
        Field<Long> change = DSL.when(CONVERSATION.MEMBER_ID.eq(userId), CONVERSATION.MEMBER_CHANGE)
                .otherwise(CONVERSATION.COMPANION_CHANGE);
        Condition where = CONVERSATION.MEMBER_ID.eq(userId).and(CONVERSATION.MEMBER_CHANGE.gt(afterChange))
                .or(CONVERSATION.COMPANION_ID.eq(userId).and(CONVERSATION.COMPANION_CHANGE.gt(afterChange)));
        return withLastMessage().where(where).orderBy(change.asc()).limit(limit).fetch(this::stored);
    }

    private Stored stored(Record row) {
        return stored(row, row.get(CHAT_MESSAGE.MESSAGE_ID) == null ? null : message(row));
    }

    /** The conversation in {@code row} with {@code last} as its last message. */
    private static Stored stored(Record row, ChatMessage last) {
        Conversation conversation = new Conversation(row.get(CONVERSATION.CONVERSATION_ID),
                row.get(CONVERSATION.MEMBER_ID), row.get(CONVERSATION.COMPANION_ID), row.get(CONVERSATION.LAST_SEQ),
                new Tally(row.get(CONVERSATION.MEMBER_MESSAGES), row.get(CONVERSATION.COMPANION_MESSAGES)),
                new Receipts(row.get(CONVERSATION.MEMBER_DELIVERED_UP_TO), row.get(CONVERSATION.MEMBER_READ_UP_TO),
                        row.get(CONVERSATION.MEMBER_READ_COUNT)),
                new Receipts(row.get(CONVERSATION.COMPANION_DELIVERED_UP_TO),
                        row.get(CONVERSATION.COMPANION_READ_UP_TO), row.get(CONVERSATION.COMPANION_READ_COUNT)),
                last == null ? null : last.senderRole(), row.get(CONVERSATION.MEMBER_CLOSED_AT) != null);
        return new Stored(conversation, row.get(CONVERSATION.CREATED_AT).toInstant(),
                row.get(CONVERSATION.LAST_ACTIVITY_AT).toInstant(), last, row.get(CONVERSATION.ACTIVITY_NO),
                row.get(CONVERSATION.MEMBER_CHANGE), row.get(CONVERSATION.COMPANION_CHANGE));
    }

    private static ChatMessage message(Record row) {
        return new ChatMessage(row.get(CHAT_MESSAGE.MESSAGE_ID), row.get(CHAT_MESSAGE.CONVERSATION_ID),
                row.get(CHAT_MESSAGE.SEQ), new ClientMessageId(row.get(CHAT_MESSAGE.CLIENT_MESSAGE_ID)),
                row.get(CHAT_MESSAGE.SENDER_ID), ChatRole.ofWire(row.get(CHAT_MESSAGE.SENDER_ROLE)),
                new MessageText(row.get(CHAT_MESSAGE.TEXT)),
                new Tally(row.get(CHAT_MESSAGE.MEMBER_COUNT), row.get(CHAT_MESSAGE.COMPANION_COUNT)),
                row.get(CHAT_MESSAGE.SENT_AT).toInstant());
    }
}
