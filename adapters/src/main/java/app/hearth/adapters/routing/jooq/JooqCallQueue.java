package app.hearth.adapters.routing.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.ROUTING_QUEUE;

import app.hearth.adapters.shared.jooq.generated.tables.records.RoutingQueueRecord;
import app.hearth.application.calls.CallQueue;
import app.hearth.domain.money.wallet.CallKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The queue in {@code routing_queue}: a line per language ordered by {@code position} (a sequence, so two members who
 * join in the same instant keep their order). The dispatcher's lock is a PostgreSQL session advisory lock held on a
 * connection of its own while a pass runs: one node dispatches at a time, and a node that dies lets go with its
 * connection.
 */
@Component
public class JooqCallQueue implements CallQueue {

    /** The advisory lock's key: "routing" in ASCII. */
    static final long DISPATCH_LOCK = 0x726f7574696e67L;

    private final DSLContext sql;
    private final DataSource dataSource;

    public JooqCallQueue(DSLContext sql, DataSource dataSource) {
        this.sql = sql;
        this.dataSource = dataSource;
    }

    @Override
    public boolean join(Waiting waiting) {
        return sql.insertInto(ROUTING_QUEUE)
                .set(ROUTING_QUEUE.MEMBER_ID, waiting.memberId())
                .set(ROUTING_QUEUE.LANGUAGE, waiting.language())
                .set(ROUTING_QUEUE.REQUEST_ID, waiting.requestId())
                .set(ROUTING_QUEUE.ATTEMPT, waiting.attempt())
                .set(ROUTING_QUEUE.CALL_ID, waiting.callId())
                .set(ROUTING_QUEUE.KIND, waiting.kind().name())
                .set(ROUTING_QUEUE.FILTERS, waiting.filters())
                .set(ROUTING_QUEUE.EXCLUDED, String.join(",", waiting.excluded()))
                .set(ROUTING_QUEUE.ENQUEUED_AT, waiting.enqueuedAt().atOffset(ZoneOffset.UTC))
                .set(ROUTING_QUEUE.EXPIRES_AT, waiting.expiresAt().atOffset(ZoneOffset.UTC))
                .onConflict(ROUTING_QUEUE.MEMBER_ID).doNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Waiting> of(String memberId) {
        return sql.selectFrom(ROUTING_QUEUE).where(ROUTING_QUEUE.MEMBER_ID.eq(memberId))
                .fetchOptional(JooqCallQueue::waiting);
    }

    @Override
    public long position(String memberId) {
        var mine = ROUTING_QUEUE.as("mine");
        return sql.selectCount().from(ROUTING_QUEUE).join(mine).on(mine.LANGUAGE.eq(ROUTING_QUEUE.LANGUAGE))
                .where(mine.MEMBER_ID.eq(memberId), ROUTING_QUEUE.POSITION.le(mine.POSITION))
                .fetchOne(0, Long.class);
    }

    @Override
    public boolean leave(String memberId, String requestId) {
        return sql.deleteFrom(ROUTING_QUEUE)
                .where(ROUTING_QUEUE.MEMBER_ID.eq(memberId), ROUTING_QUEUE.REQUEST_ID.eq(requestId)).execute() == 1;
    }

    @Override
    public boolean anyWaiting() {
        return sql.fetchExists(ROUTING_QUEUE);
    }

    @Override
    public List<Waiting> expired(Instant now, int limit) {
        return sql.selectFrom(ROUTING_QUEUE).where(ROUTING_QUEUE.EXPIRES_AT.le(now.atOffset(ZoneOffset.UTC)))
                .orderBy(ROUTING_QUEUE.POSITION).limit(limit).fetch(JooqCallQueue::waiting);
    }

    @Override
    public List<Waiting> inOrder(int limit) {
        return sql.selectFrom(ROUTING_QUEUE).orderBy(ROUTING_QUEUE.POSITION).limit(limit)
                .fetch(JooqCallQueue::waiting);
    }

    @Override
    public boolean exclusively(Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!advisory(connection, "SELECT pg_try_advisory_lock(?)")) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                advisory(connection, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("the queue's dispatch lock failed", failed);
        }
    }

    private static boolean advisory(Connection connection, String statement) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(statement)) {
            lock.setLong(1, DISPATCH_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static Waiting waiting(RoutingQueueRecord row) {
        Set<String> excluded = row.getExcluded().isEmpty() ? Set.of()
                : Arrays.stream(row.getExcluded().split(",")).collect(Collectors.toSet());
        return new Waiting(row.getMemberId(), row.getLanguage(), row.getRequestId(), row.getAttempt(),
                row.getCallId(), CallKind.valueOf(row.getKind()), row.getFilters(), excluded,
                row.getEnqueuedAt().toInstant(), row.getExpiresAt().toInstant());
    }
}
