package app.hearth.adapters.routing.jobs;

import app.hearth.application.calls.CallRouting;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the queue's dispatcher ({@link CallRouting#dispatchExclusively}) on one daemon thread every {@code interval}:
 * a pass costs one indexed existence check while nobody waits; while members wait, the node that holds the
 * dispatch lock offers them the companions who became available (ADR 0054; no notification per write).
 */
public class QueueDispatcherTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueDispatcherTimer.class);

    private final CallRouting routing;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public QueueDispatcherTimer(CallRouting routing, Duration interval) {
        this.routing = routing;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("queue-dispatcher")
                .factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            routing.dispatchExclusively();
        } catch (RuntimeException failure) {
            log.warn("queue dispatch pass failed: {}", failure.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
