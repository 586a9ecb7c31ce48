package app.hearth.adapters.shared.deadlines;

import static app.hearth.adapters.shared.jooq.generated.Tables.DEADLINE;

import app.hearth.application.deadlines.Deadlines;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Deadlines in the {@code deadline} table; every change joins the caller's transaction. */
@Component
public class JooqDeadlines implements Deadlines {

    private final DSLContext sql;

    public JooqDeadlines(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void schedule(String kind, String key, Instant due) {
        OffsetDateTime at = due.atOffset(ZoneOffset.UTC);
        sql.insertInto(DEADLINE)
                .set(DEADLINE.KIND, kind).set(DEADLINE.DEADLINE_KEY, key).set(DEADLINE.DUE_AT, at)
                .set(DEADLINE.ATTEMPTS, 0)
                .onConflict(DEADLINE.KIND, DEADLINE.DEADLINE_KEY).doUpdate()
                .set(DEADLINE.DUE_AT, at).set(DEADLINE.ATTEMPTS, 0).setNull(DEADLINE.LAST_ERROR)
                .where(DEADLINE.DUE_AT.ne(at).or(DEADLINE.ATTEMPTS.ne(0)))
                .execute();
    }

    @Override
    public void cancel(String kind, String key) {
        sql.deleteFrom(DEADLINE).where(DEADLINE.KIND.eq(kind), DEADLINE.DEADLINE_KEY.eq(key)).execute();
    }

    @Override
    public void lock(String kind, String key) {
        sql.select(DEADLINE.DUE_AT).from(DEADLINE).where(DEADLINE.KIND.eq(kind), DEADLINE.DEADLINE_KEY.eq(key))
                .forUpdate().fetch();
    }

    @Override
    public Optional<Instant> due(String kind, String key) {
        return sql.select(DEADLINE.DUE_AT).from(DEADLINE)
                .where(DEADLINE.KIND.eq(kind), DEADLINE.DEADLINE_KEY.eq(key))
                .fetchOptional(DEADLINE.DUE_AT).map(OffsetDateTime::toInstant);
    }

    @Override
    public Set<String> scheduled(String kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(sql.select(DEADLINE.DEADLINE_KEY).from(DEADLINE)
                .where(DEADLINE.KIND.eq(kind), DEADLINE.DEADLINE_KEY.eq(DSL.any(keys.toArray(String[]::new))))
                .fetch(DEADLINE.DEADLINE_KEY));
    }
}
