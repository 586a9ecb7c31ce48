package app.hearth.adapters.calls.liveness;

import app.hearth.adapters.shared.notify.PgNotifications;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Shares this node's {@link SharedLivenessBoard} with the others (adr/0025): every {@code shareInterval} it publishes
 * the beats received here since the last share on channel {@value #CHANNEL}, split into payloads under PostgreSQL's
 * limit, and it merges what the other nodes publish there. The same tick evicts entries untouched for the board's
 * retention. A share that is lost (the database unreachable, a node reconnecting) is simply replaced by the next:
 * heartbeats come every 10 s and the watchdog's thresholds are 20 s and 45 s.
 */
public final class LivenessSharing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LivenessSharing.class);

    public static final String CHANNEL = "hearth_liveness";

    private final SharedLivenessBoard board;
    private final PgNotifications notifications;
    private final LivenessPayloads payloads;
    private final Duration shareInterval;
    private ScheduledExecutorService timer;

    public LivenessSharing(SharedLivenessBoard board, PgNotifications notifications, LivenessPayloads payloads,
                           Duration shareInterval) {
        if (shareInterval.isNegative() || shareInterval.isZero()) {
            throw new IllegalArgumentException("hearth.calls.liveness.share-interval must be positive: "
                    + shareInterval);
        }
        this.board = board;
        this.notifications = notifications;
        this.payloads = payloads;
        this.shareInterval = shareInterval;
        notifications.subscribe(CHANNEL, payload -> board.merge(payloads.decode(payload)));
    }

    /** Publishes the beats received since the last share and evicts stale entries; the number of payloads sent. */
    public int share() {
        board.evict();
        List<SharedLivenessBoard.Beats> beats = board.unshared();
        if (beats.isEmpty()) {
            return 0;
        }
        int sent = 0;
        for (String payload : payloads.encode(beats, notifications.payloadCapacity())) {
            if (notifications.publish(CHANNEL, payload)) {
                sent++;
            }
        }
        return sent;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-liveness-share").factory());
        long period = shareInterval.toMillis();
        timer.scheduleAtFixedRate(() -> {
            try {
                share();
            } catch (RuntimeException e) {
                log.warn("sharing heartbeats failed; those beats are lost, the next ones are shared: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Stops before the notifications it publishes through, starts after them. */
    @Override
    public int getPhase() {
        return notifications.getPhase() + 1;
    }
}
