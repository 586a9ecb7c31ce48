package app.hearth.adapters.shared.deadlines;

import static app.hearth.adapters.shared.jooq.generated.Tables.DEADLINE;

import app.hearth.application.deadlines.DeadlineHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due deadlines (ADR 0026). Each worker thread repeatedly claims one due deadline with {@code FOR UPDATE SKIP
 * LOCKED} (so nodes and threads never fire the same one), hands it to its kind's handler and moves or removes it, all
 * in one transaction: a deadline fires once per due time, and a crash in between leaves it due for the next node.
 * A node claims only the kinds it has a handler for (a node of an older release leaves a newer kind alone).
 * A failing handler rolls back; the deadline is then pushed back (1 s, 2 s, 4 s ... up to a minute) and its error
 * kept on the row, so one poison deadline never blocks the others. When nothing is due a worker sleeps for the poll
 * interval.
 */
public class DeadlinePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadlinePoller.class);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(1);

    private final DSLContext sql;
    private final TransactionTemplate transactions;
    private final Map<String, DeadlineHandler> handlers;
    private final Clock clock;
    private final Duration pollInterval;
    private final int workers;
    private volatile boolean running;
    private List<Thread> threads = List.of();

    public DeadlinePoller(DSLContext sql, PlatformTransactionManager transactionManager, List<DeadlineHandler> handlers,
                          Clock clock, Duration pollInterval, int workers) {
        this.sql = sql;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.handlers = handlers.stream().collect(Collectors.toMap(DeadlineHandler::kind, Function.identity()));
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.workers = workers;
    }

    @Override
    public synchronized void start() {
        running = true;
        threads = java.util.stream.IntStream.range(0, workers)
                .mapToObj(i -> Thread.ofPlatform().daemon().name("deadline-poller-" + i).start(this::work))
                .toList();
        log.info("deadline poller started: {} worker(s), polling every {} ms, kinds {}", workers,
                pollInterval.toMillis(), handlers.keySet());
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the handlers' dependencies (the database, Axon) and starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    private void work() {
        while (running) {
            try {
                if (!fireOne()) {
                    Thread.sleep(pollInterval);
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (RuntimeException failure) {
                if (!running) {
                    return;
                }
                log.warn("deadline poller: {}", failure.toString());
                try {
                    Thread.sleep(pollInterval);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Fires one due deadline; false when none is due. */
    boolean fireOne() {
        Instant now = clock.instant();
        var firing = new java.util.concurrent.atomic.AtomicReference<Record4<String, String, OffsetDateTime, Integer>>();
        try {
            transactions.executeWithoutResult(status -> {
                var due = claimDue(now);
                if (due != null) {
                    firing.set(due);
                    fire(due, now);
                }
            });
        } catch (RuntimeException failure) {
            if (firing.get() == null) {
                throw failure;
            }
            backOff(firing.get(), now, failure);
        }
        return firing.get() != null;
    }

    private Record4<String, String, OffsetDateTime, Integer> claimDue(Instant now) {
        return sql.select(DEADLINE.KIND, DEADLINE.DEADLINE_KEY, DEADLINE.DUE_AT, DEADLINE.ATTEMPTS)
                .from(DEADLINE)
                .where(DEADLINE.DUE_AT.le(now.atOffset(ZoneOffset.UTC)), DEADLINE.KIND.in(handlers.keySet()))
                .orderBy(DEADLINE.DUE_AT)
                .limit(1)
                .forUpdate().skipLocked()
                .fetchOne();
    }

    private void fire(Record4<String, String, OffsetDateTime, Integer> due, Instant now) {
        String kind = due.value1();
        String key = due.value2();
        DeadlineHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalStateException("no handler for deadline kind " + kind + " (key " + key + ")");
        }
        Optional<Instant> next = handler.fire(key, due.value3().toInstant(), now);
        if (next.isPresent()) {
            sql.update(DEADLINE).set(DEADLINE.DUE_AT, next.get().atOffset(ZoneOffset.UTC)).set(DEADLINE.ATTEMPTS, 0)
                    .setNull(DEADLINE.LAST_ERROR)
                    .where(DEADLINE.KIND.eq(kind), DEADLINE.DEADLINE_KEY.eq(key)).execute();
        } else {
            sql.deleteFrom(DEADLINE).where(DEADLINE.KIND.eq(kind), DEADLINE.DEADLINE_KEY.eq(key)).execute();
        }
        log.debug("deadline {} {} due {} fired at {}; next {}", kind, key, due.value3(), now, next.orElse(null));
    }

    /** The deadline that failed is pushed back, with its error; the others are not held up. */
    private void backOff(Record4<String, String, OffsetDateTime, Integer> failed, Instant now,
                         RuntimeException failure) {
        if (!running) {
            return;
        }
        int attempts = failed.value4() + 1;
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 6));
        Duration backOff = wait.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait;
        String error = String.valueOf(failure);
        try {
            transactions.executeWithoutResult(status -> sql.update(DEADLINE)
                    .set(DEADLINE.DUE_AT, now.plus(backOff).atOffset(ZoneOffset.UTC))
                    .set(DEADLINE.ATTEMPTS, attempts)
                    .set(DEADLINE.LAST_ERROR, error.length() > 1000 ? error.substring(0, 1000) : error)
                    .where(DEADLINE.KIND.eq(failed.value1()), DEADLINE.DEADLINE_KEY.eq(failed.value2()),
                            DEADLINE.DUE_AT.eq(failed.value3()))
                    .execute());
            log.warn("deadline {} {} failed (attempt {}), trying again in {} s: {}", failed.value1(),
                    failed.value2(), attempts, backOff.toSeconds(), error, failure);
        } catch (RuntimeException alsoFailed) {
            log.warn("deadline poller could not record a failure: {}", alsoFailed.toString());
        }
    }
}
