package app.hearth.adapters.realtime.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.REALTIME_CONNECTION;
import static app.hearth.adapters.shared.jooq.generated.Tables.REALTIME_NODE;

import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.application.realtime.LiveConnections;
import app.hearth.domain.realtime.LiveConnectionRules;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep3;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Which users hold a live connection, across nodes (adr/0049), in two tables: {@code realtime_connection}, a row per
 * (user, node) written when the user's first connection opens on the node and deleted when their last closes, and
 * {@code realtime_node}, the node's heartbeat, refreshed every ~15 s after the sessions' sweep. Never a write per
 * message, never a NOTIFY.
 *
 * <p>One writer thread per node writes the changes the sessions report, in batches, reading each changed user's
 * connections on this node when it writes (so a quick open and close ends as the sessions stand, whatever the
 * order of the reports). A failed write is tried again after a back-off. When the node's heartbeat row was missing
 * (the first time, or other nodes deleted it as gone) every user connected here is written again. Stopping deletes
 * the node's rows.
 *
 * <p>{@link #isConnected} answers from this node's sessions first, then from the other nodes' rows, believed only
 * while their node's heartbeat is younger than 60 s (database time, {@link LiveConnectionRules}).
 */
public final class JooqLiveConnections implements LiveConnections, RealtimeSessions.Listener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JooqLiveConnections.class);
    private static final int BATCH = 1_000;
    private static final Duration RETRY_MIN = Duration.ofMillis(250);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final DSLContext sql;
    private final RealtimeSessions sessions;
    private final String nodeId;
    private final boolean server;
    /** Users whose connections here changed since the writer last looked. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    /** Users this node has a row for (the writer thread's only). */
    private final Set<String> recorded = new HashSet<>();
    private volatile boolean heartbeatDue = true;
    private volatile long lastHeartbeat = System.nanoTime();
    private volatile boolean running;
    private Thread writer;

    /**
     * @param server whether this node serves connections (a command-line run records nothing, and only reads)
     */
    public JooqLiveConnections(DSLContext sql, RealtimeSessions sessions, String nodeId, boolean server) {
        this.sql = sql;
        this.sessions = sessions;
        this.nodeId = nodeId;
        this.server = server;
        if (server) {
            sessions.listen(this);
        }
    }

    @Override
    public boolean isConnected(String userId) {
        if (sessions.connections(userId) > 0) {
            return true;
        }
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime().as("db_now");
        List<Record2<OffsetDateTime, OffsetDateTime>> rows = sql.select(REALTIME_NODE.HEARTBEAT_AT, now)
                .from(REALTIME_CONNECTION)
                .join(REALTIME_NODE).on(REALTIME_NODE.NODE_ID.eq(REALTIME_CONNECTION.NODE_ID))
                .where(REALTIME_CONNECTION.USER_ID.eq(userId))
                .and(REALTIME_CONNECTION.NODE_ID.ne(nodeId))
                .fetch();
        if (rows.isEmpty()) {
            return false;
        }
        Instant dbNow = rows.getFirst().value2().toInstant();
        return LiveConnectionRules.connected(rows.stream().map(row -> row.value1().toInstant()).toList(), dbNow);
    }

    @Override
    public void changed(String userId) {
        if (running) {
            dirty.add(userId);
            wake.release();
        }
    }

    @Override
    public void swept() {
        if (running && System.nanoTime() - lastHeartbeat >= LiveConnectionRules.HEARTBEAT_EVERY.toNanos()) {
            heartbeatDue = true;
            wake.release();
        }
    }

    private void write() {
        long pause = RETRY_MIN.toNanos();
        while (running) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException stopping) {
                break;
            }
            try {
                if (heartbeatDue) {
                    heartbeat();
                }
                flush();
                pause = RETRY_MIN.toNanos();
            } catch (RuntimeException failed) {
                log.warn("recording live connections failed (tried again in {} ms): {}", pause / 1_000_000,
                        failed.toString());
                try {
                    TimeUnit.NANOSECONDS.sleep(pause);
                } catch (InterruptedException stopping) {
                    break;
                }
                pause = Math.min(pause * 2, RETRY_MAX.toNanos());
                wake.release();
            }
        }
    }

    /** Refreshes this node's heartbeat (writing every connection again when its row was gone); drops dead nodes. */
    private void heartbeat() {
        Boolean inserted = sql.insertInto(REALTIME_NODE)
                .set(REALTIME_NODE.NODE_ID, nodeId)
                .set(REALTIME_NODE.HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .set(REALTIME_NODE.STARTED_AT, DSL.currentOffsetDateTime())
                .onConflict(REALTIME_NODE.NODE_ID).doUpdate()
                .set(REALTIME_NODE.HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .returningResult(DSL.field("xmax = 0", Boolean.class))
                .fetchOne()
                .value1();
        if (Boolean.TRUE.equals(inserted)) {
            recorded.clear();
            dirty.addAll(sessions.users());
        }
        int forgotten = sql.deleteFrom(REALTIME_NODE)
                .where(REALTIME_NODE.HEARTBEAT_AT.lt(DSL.field("now() - make_interval(secs => {0})",
                        OffsetDateTime.class, DSL.val(LiveConnectionRules.FORGOTTEN_AFTER.toSeconds()))))
                .execute();
        if (forgotten > 0) {
            log.info("forgot {} real-time node(s) gone for over {}", forgotten, LiveConnectionRules.FORGOTTEN_AFTER);
        }
        heartbeatDue = false;
        lastHeartbeat = System.nanoTime();
    }

    /** Writes the changed users' rows: added when they have a connection here and no row, removed the other way. */
    private void flush() {
        var changed = new ArrayList<String>();
        for (String userId : dirty) {
            if (dirty.remove(userId)) {
                changed.add(userId);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        var add = new ArrayList<String>();
        var remove = new ArrayList<String>();
        for (String userId : changed) {
            boolean here = sessions.connections(userId) > 0;
            if (here && !recorded.contains(userId)) {
                add.add(userId);
            } else if (!here && recorded.contains(userId)) {
                remove.add(userId);
            }
        }
        try {
            for (int from = 0; from < add.size(); from += BATCH) {
                List<String> batch = add.subList(from, Math.min(add.size(), from + BATCH));
                InsertValuesStep3<?, String, String, OffsetDateTime> insert = sql.insertInto(REALTIME_CONNECTION,
                        REALTIME_CONNECTION.USER_ID, REALTIME_CONNECTION.NODE_ID, REALTIME_CONNECTION.SINCE);
                for (String userId : batch) {
                    insert = insert.values(DSL.val(userId), DSL.val(nodeId), DSL.currentOffsetDateTime());
                }
                insert.onConflictDoNothing().execute();
                recorded.addAll(batch);
            }
            for (int from = 0; from < remove.size(); from += BATCH) {
                List<String> batch = remove.subList(from, Math.min(remove.size(), from + BATCH));
                sql.deleteFrom(REALTIME_CONNECTION)
                        .where(REALTIME_CONNECTION.NODE_ID.eq(nodeId))
                        .and(REALTIME_CONNECTION.USER_ID.in(batch))
                        .execute();
                batch.forEach(recorded::remove);
            }
        } catch (RuntimeException failed) {
            dirty.addAll(changed); // looked at again after the back-off
            throw failed;
        }
    }

    @Override
    public synchronized void start() {
        if (!server || running) {
            return;
        }
        running = true;
        dirty.addAll(sessions.users());
        writer = Thread.ofPlatform().daemon().name("hearth-live-connections").start(this::write);
    }

    /** Stops writing and deletes this node's rows (its users are reconnecting elsewhere). */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(STOP_WAIT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        writer = null;
        // at most a few seconds: a database that is gone must not hold the shutdown (the rows then age out)
        Thread forget = Thread.ofPlatform().daemon().name("hearth-live-connections-stop").start(() -> {
            try {
                sql.deleteFrom(REALTIME_NODE).where(REALTIME_NODE.NODE_ID.eq(nodeId)).execute();
            } catch (RuntimeException failed) {
                log.warn("could not delete this node's live connections (they count as gone 60 s after its last "
                        + "heartbeat): {}", failed.toString());
            }
        });
        try {
            forget.join(STOP_WAIT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
