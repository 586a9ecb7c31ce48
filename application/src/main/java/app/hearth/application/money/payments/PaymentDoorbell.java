package app.hearth.application.money.payments;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this node's payment appliers right after a notification of a fact was recorded here and committed: one ring
 * stands for any number until each applier looks (in memory only; the appliers also poll, for other nodes' work and
 * a dead node's; ADR 0043).
 */
public final class PaymentDoorbell {

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** One applier's ear: it hears every ring after it started listening. */
    public static final class Listener {
        private final Semaphore rung = new Semaphore(0);

        private void ring() {
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

    /** A new listener, hearing every ring from now on. */
    public Listener listen() {
        Listener listener = new Listener();
        listeners.add(listener);
        return listener;
    }

    /** Something was recorded: every applier looks now (or right after its current batch). */
    public void ring() {
        for (Listener listener : listeners) {
            listener.ring();
        }
    }
}
