package app.hearth.adapters.shared.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's end of PostgreSQL LISTEN/NOTIFY (adr/0025): the way Hearth's stateless nodes tell each other things
 * that need no table (call signals for a user connected elsewhere, shared heartbeats), with no broker.
 *
 * <ul>
 *   <li><b>Listening</b>: one dedicated connection per node, opened outside the connection pool, {@code LISTEN}s to
 *   every subscribed channel and waits in {@link PGConnection#getNotifications(int)} on a daemon thread. When the
 *   connection fails it is reopened with exponential back-off and the channels are listened to again; what was
 *   notified in between is lost (every use is at most once). An idle connection is probed with {@code select 1}.</li>
 *   <li><b>Publishing</b> never blocks and never throws: {@link #publish} puts the payload in a bounded queue; one
 *   daemon thread sends whatever is queued with one {@code pg_notify} statement per batch on a pooled connection.
 *   A full queue, a payload over the limit or a database failure drops the payload, logs and counts it.</li>
 *   <li><b>Own notifications</b>: every payload is sent as {@code <node id>|<payload>}; a handler hears only the
 *   payloads of other nodes, without the prefix.</li>
 * </ul>
 *
 * <p>PostgreSQL refuses payloads of 8000 bytes or more; {@link #payloadCapacity()} is what a caller may put in one.
 * Within one transaction PostgreSQL folds identical (channel, payload) pairs into one notification.
 */
public final class PgNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);

    /** PostgreSQL's limit: a payload must be shorter than 8000 bytes (in the server's encoding, UTF-8 here). */
    public static final int POSTGRES_PAYLOAD_LIMIT = 7999;
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** One statement for a whole batch, in the batch's order (unnest in FROM yields the arrays' order). */
    private static final String NOTIFY = "select pg_notify(n.channel, n.payload)"
            + " from unnest(?::text[], ?::text[]) as n(channel, payload)";

    /** Opens the listening connection: a plain JDBC connection to the application's database, never a pooled one. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * @param pollTimeout          how long one wait for notifications lasts (also how quickly a stop is noticed)
     * @param probeAfter           an idle listening connection is probed with {@code select 1} this often
     * @param reconnectMin         the first wait before reopening a failed listening connection; doubled each time
     * @param reconnectMax         the longest such wait
     * @param publishQueueCapacity payloads waiting to be published; beyond it new ones are dropped
     * @param publishBatchSize     most payloads sent in one statement
     */
    public record Settings(Duration pollTimeout, Duration probeAfter, Duration reconnectMin, Duration reconnectMax,
                           int publishQueueCapacity, int publishBatchSize) {

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMillis(250),
                    Duration.ofSeconds(15), 20_000, 500);
        }
    }

    private record Outgoing(String channel, String payload) {
    }

    private final String nodeId;
    private final String prefix;
    private final ConnectionSource listenConnections;
    private final DataSource publishing;
    private final Settings settings;
    private final boolean listen;
    private final MeterRegistry meters;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final BlockingQueue<Outgoing> outbox;

    private volatile boolean running;
    private volatile boolean listening;
    /** Counts the listening connections opened so far; {@link #listeningGeneration()} says which one is open. */
    private long generations;
    private volatile long generation;
    private volatile int listenerPid;
    private volatile Connection listenConnection;
    private Thread listener;
    private Thread publisher;

    /**
     * @param listen whether this node listens at all (a command-line run publishes nothing and listens to nothing)
     */
    public PgNotifications(ConnectionSource listenConnections, DataSource publishing, Settings settings,
                           boolean listen, MeterRegistry meters) {
        this.nodeId = newNodeId();
        this.prefix = nodeId + "|";
        this.listenConnections = listenConnections;
        this.publishing = publishing;
        this.settings = settings;
        this.listen = listen;
        this.meters = meters;
        this.outbox = new ArrayBlockingQueue<>(settings.publishQueueCapacity());
        if (meters != null) {
            meters.gauge("hearth.notify.listening", this, notifications -> notifications.listening ? 1 : 0);
            meters.gauge("hearth.notify.queued", outbox, BlockingQueue::size);
        }
    }

    /** A random id of this node for this run (11 characters of base64url). */
    private static String newNodeId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String nodeId() {
        return nodeId;
    }

    /** The most UTF-8 bytes one {@link #publish} may carry (PostgreSQL's limit less this node's prefix). */
    public int payloadCapacity() {
        return POSTGRES_PAYLOAD_LIMIT - prefix.length();
    }

    /** Whether the listening connection is open and listening to every subscribed channel now. */
    public boolean listening() {
        return listening;
    }

    /**
     * Which listening connection is open now (1 for the first, 2 for the one opened after it failed, ...), or 0 while
     * none is. What a node remembers because nobody notified a change is only as good as the connection it listened
     * on: a new generation means notifications may have been lost in between.
     */
    public long listeningGeneration() {
        return generation;
    }

    /**
     * {@code payload} as this node's, for a caller that notifies in its own transaction ({@code pg_notify(channel,
     * ...)}), so that PostgreSQL delivers it at the commit and never for a rollback; like {@link #publish}, every
     * other node hears it and this node does not.
     */
    public String ownPayload(String payload) {
        return prefix + payload;
    }

    /** The PostgreSQL backend process of the current listening connection (0 before the first), for operators. */
    public int listenerPid() {
        return listenerPid;
    }

    /**
     * {@code handler} hears every payload other nodes publish on {@code channel}, on the listening thread, in the
     * order PostgreSQL delivers them: it must be quick and hand slow work to another thread. Subscribe before the
     * application starts (a channel added later is listened to after the next reconnection).
     */
    public void subscribe(String channel, Consumer<String> handler) {
        handlers.computeIfAbsent(checked(channel), ignored -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Queues {@code payload} for every other node listening on {@code channel}. Returns at once; false when it was
     * dropped (over {@link #payloadCapacity()} bytes, the queue is full, or this node is stopping).
     */
    public boolean publish(String channel, String payload) {
        checked(channel);
        if (!listen) {
            return false;
        }
        if (payload.length() > payloadCapacity()
                || payload.getBytes(StandardCharsets.UTF_8).length > payloadCapacity()) {
            dropped(channel, "too_large", 1);
            log.warn("a {} notification of {} characters is over PostgreSQL's limit and was not published", channel,
                    payload.length());
            return false;
        }
        if (!running || !outbox.offer(new Outgoing(channel, prefix + payload))) {
            dropped(channel, running ? "queue_full" : "stopped", 1);
            return false;
        }
        return true;
    }

    private static String checked(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain lower-case channel name: " + channel);
        }
        return channel;
    }

    // --- lifecycle ---------------------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running || !listen) {
            return;
        }
        running = true;
        listener = Thread.ofPlatform().daemon().name("hearth-notify-listen").start(this::listenLoop);
        publisher = Thread.ofPlatform().daemon().name("hearth-notify-publish").start(this::publishLoop);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        join(publisher, settings.pollTimeout().plusSeconds(2));
        closeQuietly(listenConnection);
        join(listener, settings.pollTimeout().plusSeconds(2));
        listening = false;
        generation = 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before, and stops after, the components that publish through it (their phases are higher). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    /** Waits up to {@code patience} for {@code thread} to end, then interrupts it (a node's stop never hangs). */
    public static void join(Thread thread, Duration patience) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    // --- listening ---------------------------------------------------------------------------------------------------

    private void listenLoop() {
        long backoff = settings.reconnectMin().toMillis();
        boolean failedBefore = false;
        while (running) {
            Connection connection = null;
            try {
                connection = listenConnections.open();
                listenConnection = connection;
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                listenerPid = pg.getBackendPID();
                generation = ++generations;
                listening = true;
                backoff = settings.reconnectMin().toMillis();
                if (failedBefore) {
                    log.info("listening to {} again", handlers.keySet());
                    failedBefore = false;
                }
                awaitNotifications(connection, pg);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    failedBefore = true;
                    log.warn("the LISTEN connection failed ({}); reopening it in {} ms: notifications until then are "
                            + "lost", e.getMessage(), backoff);
                    count("hearth.notify.listen.failures");
                }
            } finally {
                listening = false;
                generation = 0;
                listenConnection = null;
                closeQuietly(connection);
            }
            if (running) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, settings.reconnectMax().toMillis());
            }
        }
    }

    private void awaitNotifications(Connection connection, PGConnection pg) throws SQLException {
        int poll = (int) Math.max(1, settings.pollTimeout().toMillis());
        long probeNanos = settings.probeAfter().toNanos();
        long heard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(poll);
            if (notifications != null && notifications.length > 0) {
                heard = System.nanoTime();
                for (PGNotification notification : notifications) {
                    dispatch(notification.getName(), notification.getParameter());
                }
            } else if (System.nanoTime() - heard > probeNanos) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                heard = System.nanoTime();
            }
        }
    }

    private void dispatch(String channel, String raw) {
        int bar = raw == null ? -1 : raw.indexOf('|');
        if (bar < 0 || raw.startsWith(prefix)) {
            return; // our own, or not one of Hearth's
        }
        String payload = raw.substring(bar + 1);
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("a {} notification could not be handled: {}", channel, e.toString());
            }
        }
    }

    // --- publishing --------------------------------------------------------------------------------------------------

    private void publishLoop() {
        var batch = new ArrayList<Outgoing>(settings.publishBatchSize());
        while (running || !outbox.isEmpty()) {
            try {
                Outgoing first = outbox.poll(settings.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outbox.drainTo(batch, settings.publishBatchSize() - 1);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Outgoing> batch) throws InterruptedException {
        String[] channels = new String[batch.size()];
        String[] payloads = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            channels[i] = batch.get(i).channel();
            payloads[i] = batch.get(i).payload();
        }
        try (Connection connection = publishing.getConnection();
             PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            Array channelArray = connection.createArrayOf("text", channels);
            Array payloadArray = connection.createArrayOf("text", payloads);
            statement.setArray(1, channelArray);
            statement.setArray(2, payloadArray);
            statement.executeQuery().close();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (meters != null) {
                meters.counter("hearth.notify.published").increment(batch.size());
            }
        } catch (SQLException | RuntimeException e) {
            for (Outgoing outgoing : batch) {
                dropped(outgoing.channel(), "database", 1);
            }
            log.warn("{} notifications could not be published and are dropped: {}", batch.size(), e.getMessage());
            if (running) {
                Thread.sleep(settings.reconnectMin().toMillis());
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private void dropped(String channel, String reason, int count) {
        if (meters != null) {
            meters.counter("hearth.notify.dropped", "channel", channel, "reason", reason).increment(count);
        }
    }

    private void count(String name) {
        if (meters != null) {
            meters.counter(name).increment();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing a broken connection may fail; it is gone either way
        }
    }
}
