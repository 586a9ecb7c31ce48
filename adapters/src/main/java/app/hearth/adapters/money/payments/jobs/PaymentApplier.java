package app.hearth.adapters.money.payments.jobs;

import app.hearth.application.money.payments.PaymentDoorbell;
import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Applies recorded payment notifications to wallets after their webhooks were answered (ADR 0043): {@code workers}
 * threads per node, worker {@code i} applying share {@code i} of {@code workers} of the order keys' slots, each
 * woken by the {@link PaymentDoorbell} right after a notification recorded on this node commits, and every
 * {@code poll} for what other nodes recorded or a dead node left. Each pass applies batches of up to {@code batch}
 * until it has caught up. Nodes share the work through the database (one transaction's turn at a time per slot,
 * rows claimed with SKIP LOCKED): nothing here is needed for exactly once or for each key's order.
 */
public final class PaymentApplier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentApplier.class);

    private final PaymentPipeline pipeline;
    private final PaymentDoorbell doorbell;
    private final int batch;
    private final Duration poll;
    private final int workers;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    public PaymentApplier(PaymentPipeline pipeline, PaymentDoorbell doorbell, int batch, Duration poll, int workers) {
        if (batch < 1 || poll.isNegative() || poll.isZero() || workers < 1) {
            throw new IllegalArgumentException("hearth.payments.applier: a batch of at least 1, a positive poll and "
                    + "at least 1 worker");
        }
        this.pipeline = pipeline;
        this.doorbell = doorbell;
        this.batch = batch;
        this.poll = poll;
        this.workers = workers;
    }

    /** Applies batches of {@code share} until none is full (caught up) or one fails to be claimed; how many applied. */
    int drain(PaymentInbox.Share share) {
        int applied = 0;
        while (running) {
            PaymentPipeline.Batch done;
            try {
                done = pipeline.applyRecorded(share, batch);
            } catch (RuntimeException failed) {
                log.warn("payment applier {}/{}: recorded notifications could not be claimed; trying again in {}: {}",
                        share.index(), share.count(), poll, failed.toString());
                return applied;
            }
            applied += done.applied();
            if (done.claimed() < batch) {
                return applied;
            }
        }
        return applied;
    }

    /**
     * How long a worker woken by the doorbell waits for more before it claims: every webhook rings every worker, and
     * without it each would claim a nearly empty batch per webhook (transactions that cost the webhooks' CPU).
     */
    static final Duration LINGER = Duration.ofMillis(5);

    private void loop(PaymentInbox.Share share, PaymentDoorbell.Listener doorbell) {
        while (running) {
            drain(share);
            try {
                if (doorbell.await(poll) && running) {
                    Thread.sleep(LINGER);
                }
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
        for (int index = 0; index < workers; index++) {
            var share = new PaymentInbox.Share(index, workers);
            var listener = doorbell.listen();
            threads.add(Thread.ofPlatform().name("payment-applier-" + index).daemon()
                    .start(() -> loop(share, listener)));
        }
        log.info("payment applier started: {} workers, batches of {}, polling every {}", workers, batch, poll);
    }

    @Override
    public synchronized void stop() {
        running = false;
        doorbell.ring();
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
