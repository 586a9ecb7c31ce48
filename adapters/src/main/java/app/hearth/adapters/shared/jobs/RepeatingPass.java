package app.hearth.adapters.shared.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one pass of some work on a daemon thread of its own, {@code interval} after the previous pass ended, from the
 * application's start to its stop (late in the start-up, early in the shutdown). A pass that fails is logged and the
 * next one runs as planned.
 */
public class RepeatingPass implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepeatingPass.class);

    private final String name;
    private final Runnable pass;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * @param name     the thread's name, also in the log line of a failed pass
     * @param pass     one pass of the work
     * @param interval from the end of a pass to the start of the next
     */
    public RepeatingPass(String name, Runnable pass, Duration interval) {
        this.name = name;
        this.pass = pass;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        executor.scheduleWithFixedDelay(this::runPass, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runPass() {
        try {
            pass.run();
        } catch (RuntimeException failure) {
            log.warn("{} pass failed: {}", name, failure.toString());
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
