package app.hearth.application.money.payments;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this node's payment applier right after a notification of a fact was recorded here and committed: one ring
 * stands for any number until the applier looks (in memory only; the applier also polls, for other nodes' work and
 * a dead node's; ADR 0043).
 */
public final class PaymentDoorbell {

    private final Semaphore rung = new Semaphore(0);

    /** Something was recorded: the applier looks now (or right after its current batch). */
    public void ring() {
        if (rung.availablePermits() == 0) {
            rung.release();
        }
    }

    /** Waits up to {@code timeout} for a ring; true when it rang. */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean rang = rung.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        rung.drainPermits();
        return rang;
    }
}
