package app.hearth.adapters.chat.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CHAT_MESSAGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.CHAT_USER_CHANGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.CONVERSATION;

import app.hearth.application.chat.ChatErasure;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

/**
 * A closing member's ids out of chat's rows (ADR 0050), in the closing transaction. The member's conversations are
 * locked first (a send in one of them finishes before, or finds a former member's conversation after), then their
 * messages' sender ids change, then each companion takes a change number (their catch-up sees the conversation
 * change), and last the member's change counter goes: a message elsewhere holds no conversation locked here while it
 * takes change numbers, so nothing waits in a circle.
 */
@Component
public class JooqChatErasure implements ChatErasure {

    private final DSLContext sql;

    public JooqChatErasure(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public int eraseMember(String memberId, String pseudonym, Instant at) {
        List<Record2<String, String>> closed = sql.update(CONVERSATION)
                .set(CONVERSATION.MEMBER_ID, pseudonym)
                .set(CONVERSATION.MEMBER_CLOSED_AT, at.atOffset(ZoneOffset.UTC))
                .where(CONVERSATION.MEMBER_ID.eq(memberId).and(CONVERSATION.MEMBER_CLOSED_AT.isNull()))
                .returningResult(CONVERSATION.CONVERSATION_ID, CONVERSATION.COMPANION_ID)
                .fetch();
        List<String> ids = closed.stream().map(Record2::value1).toList();
        if (!ids.isEmpty()) {
            sql.update(CHAT_MESSAGE)
                    .set(CHAT_MESSAGE.SENDER_ID, pseudonym)
                    .where(CHAT_MESSAGE.CONVERSATION_ID.in(ids).and(CHAT_MESSAGE.SENDER_ID.eq(memberId)))
                    .execute();
        }
        // each companion's change, in user id order as every change takes them
        closed.stream().sorted(java.util.Comparator.comparing(Record2::value2)).forEach(row -> {
            Long number = sql.update(CHAT_USER_CHANGE)
                    .set(CHAT_USER_CHANGE.LAST_CHANGE, CHAT_USER_CHANGE.LAST_CHANGE.plus(1))
                    .where(CHAT_USER_CHANGE.USER_ID.eq(row.value2()))
                    .returningResult(CHAT_USER_CHANGE.LAST_CHANGE)
                    .fetchOne(CHAT_USER_CHANGE.LAST_CHANGE);
            if (number != null) {
                sql.update(CONVERSATION).set(CONVERSATION.COMPANION_CHANGE, number)
                        .where(CONVERSATION.CONVERSATION_ID.eq(row.value1())).execute();
            }
        });
        sql.deleteFrom(CHAT_USER_CHANGE).where(CHAT_USER_CHANGE.USER_ID.eq(memberId)).execute();
        return ids.size();
    }
}
