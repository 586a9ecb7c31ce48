package app.hearth.adapters.money.payments.jobs;

import app.hearth.application.money.payments.PaymentDoorbell;
import app.hearth.application.money.payments.PaymentPipeline;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Applies recorded payment notifications to wallets after their webhooks were answered (ADR 0043): one thread per
 * node, woken by the {@link PaymentDoorbell} right after a notification recorded on this node commits, and every
 * {@code poll} for what other nodes recorded or a dead node left. Each pass applies batches of up to {@code batch}
 * until it has caught up. Nodes share the work through the database (one applier's turn at a time, rows claimed with
 * SKIP LOCKED): nothing here is needed for exactly once.
 */
public final class PaymentApplier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentApplier.class);

    private final PaymentPipeline pipeline;
    private final PaymentDoorbell doorbell;
    private final int batch;
    private final Duration poll;
    private volatile boolean running;
    private Thread thread;

    public PaymentApplier(PaymentPipeline pipeline, PaymentDoorbell doorbell, int batch, Duration poll) {
        if (batch < 1 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("hearth.payments.applier: a batch of at least 1 and a positive poll");
        }
        this.pipeline = pipeline;
        this.doorbell = doorbell;
        this.batch = batch;
        this.poll = poll;
    }

    /** Applies batches until none is full (caught up), or a batch fails to be claimed; returns how many applied. */
    public int drain() {
        int applied = 0;
        while (running || thread == null) {
            PaymentPipeline.Batch done;
            try {
                done = pipeline.applyRecorded(batch);
            } catch (RuntimeException failed) {
                log.warn("payment applier: recorded notifications could not be claimed; trying again in {}: {}", poll,
                        failed.toString());
                return applied;
            }
            applied += done.applied();
            if (done.claimed() < batch) {
                return applied;
            }
        }
        return applied;
    }

    private void loop() {
        while (running) {
            drain();
            try {
                doorbell.await(poll);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("payment-applier").daemon().start(this::loop);
        log.info("payment applier started: batches of {}, polling every {}", batch, poll);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread applier = thread;
        if (applier == null) {
            return;
        }
        doorbell.ring();
        try {
            applier.join(Duration.ofSeconds(30));
            if (applier.isAlive()) {
                applier.interrupt();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
