package app.hearth.benchmark;

import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop schedule: request n is due at {@code start + n x gap} whatever the answers, sent by one of 64
 * virtual-thread senders (sender s sends n = s, s + 64, ...); returns once every request due before {@code end} went.
 */
final class OpenLoop {

    static final int SENDERS = 64;

    /** What one sender does with request {@code n}, due at {@code due} (System.nanoTime), once that time came. */
    @FunctionalInterface
    interface Request {
        void send(long n, long due) throws Exception;
    }

    private OpenLoop() {
    }

    /** Runs the schedule; {@code senders} gives each sender (by index) its own way to send, made on its thread. */
    static void run(long start, long end, double gapNanos, IntFunction<Request> senders) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                executor.submit(() -> {
                    Request request = senders.apply(sender);
                    for (long n = sender; ; n += SENDERS) {
                        long due = start + (long) (n * gapNanos);
                        if (due >= end) {
                            return null;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        request.send(n, due);
                    }
                });
            }
        }
    }
}
