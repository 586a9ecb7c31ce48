package app.hearth.adapters.realtime.websocket;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * This node's open real-time connections, by user (adr/0025). A user may have several (phone and tablet); each gets
 * every message. Nothing here blocks its caller:
 *
 * <ul>
 *   <li>each connection has its own mailbox, drained in order by one virtual thread at a time, so a slow client
 *   delays only itself and messages to one connection keep their order;</li>
 *   <li>sends go through a {@link ConcurrentWebSocketSessionDecorator}; a connection whose queued bytes pass
 *   {@code bufferSizeLimit}, or whose current send has taken longer than {@code sendTimeLimit}, is closed with
 *   {@link CloseStatus#SESSION_NOT_RELIABLE} (the client reconnects);</li>
 *   <li>a sweep every {@code sweepInterval} closes connections whose token has expired ({@link #TOKEN_EXPIRED}),
 *   closes those that answered no ping for {@code idleTimeout} ({@link #IDLE}), and pings the others every
 *   {@code pingInterval}. A delivery to a connection whose token has expired closes it instead.</li>
 * </ul>
 */
public final class RealtimeSessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RealtimeSessions.class);

    /** The bearer token the connection was opened with has expired: sign in again and reconnect. */
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired");
    /** Nothing (no pong, no message) was heard from the client for the idle timeout. */
    public static final CloseStatus IDLE = new CloseStatus(4408, "idle: no pong or message heard");

    /**
     * @param sendTimeLimit   longest one send to a client may take before the connection is closed
     * @param bufferSizeLimit most bytes that may wait for one connection before it is closed
     * @param pingInterval    how often each connection is pinged
     * @param idleTimeout     a connection heard nothing from for this long is closed
     * @param sweepInterval   how often connections are checked (expiry, idleness, stuck sends, pings)
     */
    public record Limits(Duration sendTimeLimit, int bufferSizeLimit, Duration pingInterval, Duration idleTimeout,
                         Duration sweepInterval) {
    }

    /**
     * Told, on the thread that made the change, when a user's connections on this node changed (one opened or closed:
     * {@link #connections(String)} says how many are left), and after each sweep. Must return at once.
     */
    public interface Listener {
        void changed(String userId);

        void swept();
    }

    /** One open connection of one user. */
    final class Connection {
        final String userId;
        final Instant expiresAt;
        final ConcurrentWebSocketSessionDecorator session;
        private final Queue<WebSocketMessage<?>> mailbox = new ConcurrentLinkedQueue<>();
        private final AtomicLong queuedBytes = new AtomicLong();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closing = new AtomicBoolean();
        private volatile long heard;
        private volatile long pinged;

        Connection(WebSocketSession session, String userId, Instant expiresAt, long now) {
            this.userId = userId;
            this.expiresAt = expiresAt;
            this.session = new ConcurrentWebSocketSessionDecorator(session,
                    (int) Math.min(Integer.MAX_VALUE, limits.sendTimeLimit().toMillis()), limits.bufferSizeLimit());
            this.heard = now;
            this.pinged = now;
        }

        boolean expired() {
            return expiresAt != null && !clock.instant().isBefore(expiresAt);
        }

        void offer(WebSocketMessage<?> message) {
            if (closing.get()) {
                return;
            }
            if (queuedBytes.addAndGet(message.getPayloadLength()) + session.getBufferSize()
                    > limits.bufferSizeLimit()) {
                close(CloseStatus.SESSION_NOT_RELIABLE.withReason("too slow: send buffer over its limit"));
                return;
            }
            mailbox.add(message);
            if (draining.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                WebSocketMessage<?> message = mailbox.poll();
                if (message == null) {
                    draining.set(false);
                    if (mailbox.isEmpty() || !draining.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                queuedBytes.addAndGet(-message.getPayloadLength());
                if (closing.get()) {
                    continue;
                }
                try {
                    session.sendMessage(message);
                } catch (IOException | RuntimeException e) {
                    log.debug("sending to a connection of {} failed: {}", userId, e.toString());
                    close(CloseStatus.SESSION_NOT_RELIABLE.withReason("send failed"));
                }
            }
        }

        void close(CloseStatus status) {
            forget(this);
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            mailbox.clear();
            senders.execute(() -> {
                try {
                    session.close(status);
                } catch (IOException | RuntimeException e) {
                    log.debug("closing a connection of {} failed: {}", userId, e.toString());
                }
            });
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private ScheduledExecutorService sweeper;
    private volatile Listener listener;

    public RealtimeSessions(Limits limits, Clock clock, MeterRegistry meters) {
        this(limits, clock, System::nanoTime, meters);
    }

    /** With a monotonic clock of the caller's ({@code nanoTime}): tests move idleness and pings by hand. */
    RealtimeSessions(Limits limits, Clock clock, LongSupplier nanoTime, MeterRegistry meters) {
        this.limits = limits;
        this.clock = clock;
        this.nanoTime = nanoTime;
        if (meters != null) {
            meters.gauge("hearth.realtime.connections", bySession, Map::size);
        }
    }

    /** Tells {@code listener} of every change of a user's connections here, and of every sweep (one listener). */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** Registers {@code session}, opened by {@code userId} with a token valid until {@code expiresAt} (or null). */
    public void opened(WebSocketSession session, String userId, Instant expiresAt) {
        var connection = new Connection(session, userId, expiresAt, nanoTime.getAsLong());
        bySession.put(session.getId(), connection);
        byUser.compute(userId, (user, connections) -> {
            Set<Connection> all = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            all.add(connection);
            return all;
        });
        tell(userId);
    }

    /** The client was heard from (a pong or a message): it is not idle. */
    public void heard(WebSocketSession session) {
        Connection connection = bySession.get(session.getId());
        if (connection != null) {
            connection.heard = nanoTime.getAsLong();
        }
    }

    /** Sends {@code message} to {@code session} only (an answer to the client), in order with everything else. */
    public void reply(WebSocketSession session, String message) {
        Connection connection = bySession.get(session.getId());
        if (connection != null) {
            connection.offer(new TextMessage(message));
        }
    }

    /** The connection is closed (by either side): it is forgotten. */
    public void closed(WebSocketSession session) {
        Connection connection = bySession.get(session.getId());
        if (connection != null) {
            forget(connection);
        }
    }

    /**
     * Queues {@code message} (JSON text) for every open connection of {@code userId} on this node and returns at
     * once; the number of connections it was queued for. A connection whose token has expired is closed instead.
     */
    public int deliver(String userId, String message) {
        Set<Connection> connections = byUser.get(userId);
        if (connections == null) {
            return 0;
        }
        int queued = 0;
        TextMessage text = null;
        for (Connection connection : connections) {
            if (connection.expired()) {
                connection.close(TOKEN_EXPIRED);
                continue;
            }
            if (text == null) {
                text = new TextMessage(message);
            }
            connection.offer(text);
            queued++;
        }
        return queued;
    }

    /** How many connections {@code userId} has open on this node. */
    public int connections(String userId) {
        Set<Connection> connections = byUser.get(userId);
        return connections == null ? 0 : connections.size();
    }

    /** The users with a connection open on this node. */
    public Set<String> users() {
        return Set.copyOf(byUser.keySet());
    }

    /** How many connections are open on this node. */
    public int connections() {
        return bySession.size();
    }

    /** Closes expired, idle and stuck connections and pings the others when due. */
    void sweep() {
        long now = nanoTime.getAsLong();
        for (Connection connection : bySession.values()) {
            if (connection.expired()) {
                connection.close(TOKEN_EXPIRED);
            } else if (now - connection.heard > limits.idleTimeout().toNanos()) {
                connection.close(IDLE);
            } else if (connection.session.getTimeSinceSendStarted() > limits.sendTimeLimit().toMillis()) {
                connection.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("too slow: a send took too long"));
            } else if (now - connection.pinged >= limits.pingInterval().toNanos()) {
                connection.pinged = now;
                connection.offer(new PingMessage());
            }
        }
        Listener told = listener;
        if (told != null) {
            told.swept();
        }
    }

    private void forget(Connection connection) {
        bySession.remove(connection.session.getId(), connection);
        byUser.computeIfPresent(connection.userId, (user, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        tell(connection.userId);
    }

    private void tell(String userId) {
        Listener told = listener;
        if (told != null) {
            try {
                told.changed(userId);
            } catch (RuntimeException e) {
                log.warn("a listener of the real-time connections failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-realtime-sweep").factory());
        long period = limits.sweepInterval().toMillis();
        sweeper.scheduleAtFixedRate(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("the real-time connection sweep failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Tells every client to reconnect (1012, service restarting): another node will take them. */
    @Override
    public synchronized void stop() {
        if (sweeper == null) {
            return;
        }
        sweeper.shutdownNow();
        sweeper = null;
        bySession.values().forEach(connection -> connection.close(CloseStatus.SERVICE_RESTARTED));
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }
}
