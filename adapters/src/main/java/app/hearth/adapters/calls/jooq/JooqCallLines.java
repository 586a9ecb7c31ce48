package app.hearth.adapters.calls.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_LINE;

import app.hearth.application.calls.CallLines;
import java.util.Collection;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Call lines in the {@code call_line} table: its primary key on the user makes a second call impossible. */
@Component
public class JooqCallLines implements CallLines {

    private final DSLContext sql;

    public JooqCallLines(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean claim(String userId, String callId) {
        sql.insertInto(CALL_LINE).set(CALL_LINE.USER_ID, userId).set(CALL_LINE.CALL_ID, callId)
                .onConflictDoNothing().execute();
        String holder = sql.select(CALL_LINE.CALL_ID).from(CALL_LINE).where(CALL_LINE.USER_ID.eq(userId))
                .fetchOne(CALL_LINE.CALL_ID);
        return callId.equals(holder);
    }

    @Override
    public void release(String callId) {
        sql.deleteFrom(CALL_LINE).where(CALL_LINE.CALL_ID.eq(callId)).execute();
    }

    @Override
    public Set<String> busy(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(sql.select(CALL_LINE.USER_ID).from(CALL_LINE).where(CALL_LINE.USER_ID.in(userIds))
                .fetch(CALL_LINE.USER_ID));
    }
}
