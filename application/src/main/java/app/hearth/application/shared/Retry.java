package app.hearth.application.shared;

import app.hearth.domain.shared.TransientConflict;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one way Hearth tries work again after a race lost to a concurrent change ({@link TransientConflict}): the same
 * work, from the start, after a short random pause that grows with the attempts (so writers that collided retry at
 * different moments instead of colliding again in lock-step). Any other failure, and the conflict of the last
 * attempt, goes to the caller unchanged. Each attempt must be whole: a transaction that met the conflict is rolled
 * back before the next one starts.
 */
public final class Retry {

    /** Pauses between attempts: the next attempt's number in, a pause of some milliseconds out. */
    @FunctionalInterface
    interface Pause {
        void before(int nextAttempt) throws InterruptedException;
    }

    /** Random, from 1 ms up to 5 ms more per attempt so far, at most 55 ms. */
    static final Pause JITTER = nextAttempt -> Thread.sleep(
            ThreadLocalRandom.current().nextLong(1, 5L + Math.min(nextAttempt - 1, 10) * 5L));

    private Retry() {
    }

    /** Runs {@code work}, again while it fails with a {@link TransientConflict}, at most {@code attempts} times. */
    public static <T> T onTransientConflict(int attempts, Supplier<T> work) {
        return onTransientConflict(attempts, work, JITTER);
    }

    static <T> T onTransientConflict(int attempts, Supplier<T> work, Pause pause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + attempts);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (TransientConflict conflict) {
                if (attempt >= attempts) {
                    throw conflict;
                }
                try {
                    pause.before(attempt + 1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw conflict;
                }
            }
        }
    }
}
