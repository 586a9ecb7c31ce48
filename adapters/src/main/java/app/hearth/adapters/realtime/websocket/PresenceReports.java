package app.hearth.adapters.realtime.websocket;

import app.hearth.application.presence.CompanionFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells presence (adr/0053) what a companion's connections on this node do: opened, closed (their last here), the app
 * in the foreground or the background. The WebSocket threads only queue a report (bounded; full: dropped and logged);
 * one thread per node writes them in order, each in its own transaction, tried again a few times when the database
 * fails. A closing is checked when written: a companion who still has a connection here is not disconnected.
 */
public final class PresenceReports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceReports.class);
    private static final int CAPACITY = 10_000;
    private static final int ATTEMPTS = 4;

    private enum Kind { OPENED, CLOSED, FOREGROUND, BACKGROUND }

    private record Report(Kind kind, String companionId, Instant at) {
    }

    private final CompanionFacts facts;
    private final RealtimeSessions sessions;
    private final String nodeId;
    private final Clock clock;
    private final BlockingQueue<Report> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean running = true;

    public PresenceReports(CompanionFacts facts, RealtimeSessions sessions, String nodeId, Clock clock) {
        this.facts = facts;
        this.sessions = sessions;
        this.nodeId = nodeId;
        this.clock = clock;
        this.writer = Thread.ofPlatform().daemon().name("hearth-presence-reports").start(this::write);
    }

    /** A connection of the companion opened here. */
    public void opened(String companionId) {
        offer(new Report(Kind.OPENED, companionId, clock.instant()));
    }

    /** A connection of the companion closed here. */
    public void closed(String companionId) {
        offer(new Report(Kind.CLOSED, companionId, clock.instant()));
    }

    /** The companion's app reported the foreground (or the background). */
    public void app(String companionId, boolean foreground) {
        offer(new Report(foreground ? Kind.FOREGROUND : Kind.BACKGROUND, companionId, clock.instant()));
    }

    private void offer(Report report) {
        if (!queue.offer(report)) {
            log.warn("a presence report of {} was dropped: the queue is full", report.companionId());
        }
    }

    private void write() {
        while (running || !queue.isEmpty()) {
            Report report;
            try {
                report = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException stopping) {
                return;
            }
            if (report == null) {
                continue;
            }
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    apply(report);
                    break;
                } catch (RuntimeException failed) {
                    if (attempt == ATTEMPTS) {
                        log.warn("a presence report of {} ({}) failed: {}", report.companionId(), report.kind(),
                                failed.toString());
                    } else {
                        try {
                            Thread.sleep(Duration.ofMillis(100L << attempt));
                        } catch (InterruptedException stopping) {
                            return;
                        }
                    }
                }
            }
        }
    }

    private void apply(Report report) {
        switch (report.kind()) {
            case OPENED -> facts.connected(report.companionId(), nodeId, report.at());
            case CLOSED -> {
                if (sessions.connections(report.companionId()) == 0) {
                    facts.disconnected(report.companionId(), nodeId, report.at());
                }
            }
            case FOREGROUND -> facts.appReported(report.companionId(), nodeId, true, report.at());
            case BACKGROUND -> facts.appReported(report.companionId(), nodeId, false, report.at());
        }
    }

    /** Writes what is queued (for at most 3 s), then stops. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(3_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }
}
