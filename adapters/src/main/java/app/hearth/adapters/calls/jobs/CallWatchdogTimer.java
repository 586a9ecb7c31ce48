package app.hearth.adapters.calls.jobs;

import app.hearth.application.calls.CallWatchdog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link CallWatchdog} on one daemon thread, every {@code interval}, while the application runs. */
public class CallWatchdogTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallWatchdogTimer.class);

    private final CallWatchdog watchdog;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public CallWatchdogTimer(CallWatchdog watchdog, Duration interval) {
        this.watchdog = watchdog;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("call-watchdog")
                .factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            watchdog.tick();
        } catch (RuntimeException failure) {
            log.warn("call watchdog pass failed: {}", failure.toString());
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
