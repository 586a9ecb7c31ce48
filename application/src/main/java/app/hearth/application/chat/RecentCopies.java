package app.hearth.application.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values kept on this node for a short time (by key, at most {@code capacity}: past it, all are dropped and read
 * again), so that data shown beside every message (a companion's public profile) is not read for each one. A value
 * is at most {@code lifetimeNanos} old; nothing here is a source of truth.
 */
final class RecentCopies<V> {

    private record Copy<V>(V value, long readAt) {
    }

    private final long lifetimeNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Copy<V>> copies = new ConcurrentHashMap<>();

    RecentCopies(long lifetimeNanos, int capacity) {
        this(lifetimeNanos, capacity, System::nanoTime);
    }

    RecentCopies(long lifetimeNanos, int capacity, LongSupplier nanoTime) {
        this.lifetimeNanos = lifetimeNanos;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** The copy of {@code key} if it is recent enough, else {@code read}'s answer, kept. */
    V get(String key, Function<String, V> read) {
        long now = nanoTime.getAsLong();
        Copy<V> copy = copies.get(key);
        if (copy != null && now - copy.readAt() < lifetimeNanos) {
            return copy.value();
        }
        V value = read.apply(key);
        if (copies.size() >= capacity) {
            copies.clear();
        }
        copies.put(key, new Copy<>(value, now));
        return value;
    }
}
