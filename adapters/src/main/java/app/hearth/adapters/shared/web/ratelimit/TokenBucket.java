package app.hearth.adapters.shared.web.ratelimit;

import java.time.Duration;

/**
 * A token bucket: holds up to {@code capacity} tokens, starts full, and gains {@code capacity} tokens per
 * {@code period} continuously (one every {@code period / capacity}). A request takes one token or, when there
 * is none, learns how long until there is one. Times are {@link System#nanoTime()} readings passed in, so the
 * arithmetic is tested without waiting. Thread-safe.
 */
public final class TokenBucket {

    /** What a request got: a token, or the time until the next one. */
    public record Decision(boolean allowed, long waitNanos) {
        static final Decision ALLOWED = new Decision(true, 0);

        /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    private final long capacity;
    private final double nanosPerToken;
    private double tokens;
    private long updatedAt;

    public TokenBucket(long capacity, Duration period, long now) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a bucket needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.nanosPerToken = (double) period.toNanos() / capacity;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one token if there is one. */
    public synchronized Decision take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return Decision.ALLOWED;
        }
        return new Decision(false, nanosUntilNextToken());
    }

    /** Whether a request would get a token now, without taking it. */
    public synchronized Decision peek(long now) {
        refill(now);
        return tokens >= 1 ? Decision.ALLOWED : new Decision(false, nanosUntilNextToken());
    }

    /** Takes one token if there is one, and says nothing: for counting failures after the fact. */
    public synchronized void drain(long now) {
        refill(now);
        tokens = Math.max(0, tokens - 1);
    }

    /** A full bucket is the same as a new one: forgetting it loses nothing. */
    public synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    synchronized double tokens(long now) {
        refill(now);
        return tokens;
    }

    private long nanosUntilNextToken() {
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / nanosPerToken);
            updatedAt = now;
        }
    }
}
