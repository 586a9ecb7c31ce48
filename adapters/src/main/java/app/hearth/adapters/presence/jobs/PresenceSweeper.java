package app.hearth.adapters.presence.jobs;

import app.hearth.application.presence.PresenceSweep;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Each serving node's presence wake-up (adr/0053): every {@code interval}, the companions whose {@code due_at} has
 * come are derived again and connections recorded on gone nodes dropped; every {@code unknownNodesEvery}, also those on
 * nodes with no heartbeat row at all. Nodes sweep independently: a row is derived under its lock, so two nodes
 * sweeping the same companion only repeat each other.
 */
public class PresenceSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweeper.class);

    private final PresenceSweep sweep;
    private final Duration interval;
    private final Duration unknownNodesEvery;
    private final boolean server;
    private ScheduledExecutorService timer;

    public PresenceSweeper(PresenceSweep sweep, Duration interval, Duration unknownNodesEvery, boolean server) {
        this.sweep = sweep;
        this.interval = interval;
        this.unknownNodesEvery = unknownNodesEvery;
        this.server = server;
    }

    @Override
    public synchronized void start() {
        if (!server || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-presence-sweep").factory());
        timer.scheduleWithFixedDelay(() -> guarded(sweep::sweep), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> guarded(sweep::sweepUnknownNodes), unknownNodesEvery.toMillis(),
                unknownNodesEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException failed) {
            log.warn("the presence sweep failed (tried again at the next tick): {}", failed.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
