package app.hearth.adapters.shared.web.ratelimit;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Token buckets per route class and caller, in this node's memory. Memory is bounded: past {@code maxCallers}
 * buckets in a class, the full ones are forgotten (a full bucket is the same as a new one); if every bucket is
 * still in use, some are dropped in no particular order, which lets those callers start afresh (a node under
 * attack from that many addresses at once needs limits at the edge too).
 */
public final class RateLimiter {

    /** Route classes, each with its own limit. */
    public enum RouteClass { AUTH, WRITE, READ }

    private final Map<RouteClass, RateLimitProperties.Limit> limits = new EnumMap<>(RouteClass.class);
    private final Map<RouteClass, Map<String, TokenBucket>> buckets = new EnumMap<>(RouteClass.class);
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final int maxCallers;
    private final LongSupplier nanoTime;

    public RateLimiter(RateLimitProperties properties, LongSupplier nanoTime) {
        this.limits.put(RouteClass.AUTH, properties.auth());
        this.limits.put(RouteClass.WRITE, properties.write());
        this.limits.put(RouteClass.READ, properties.read());
        for (RouteClass routeClass : RouteClass.values()) {
            buckets.put(routeClass, new ConcurrentHashMap<>());
        }
        this.maxCallers = Math.max(1, properties.maxCallers());
        this.nanoTime = nanoTime;
    }

    /** Takes a token for this caller. */
    public TokenBucket.Decision take(RouteClass routeClass, String caller) {
        TokenBucket bucket = bucket(routeClass, caller);
        return bucket == null ? TokenBucket.Decision.ALLOWED : bucket.take(nanoTime.getAsLong());
    }

    /** Whether this caller would get a token now, without taking it. */
    public TokenBucket.Decision peek(RouteClass routeClass, String caller) {
        TokenBucket bucket = existing(routeClass, caller);
        return bucket == null ? TokenBucket.Decision.ALLOWED : bucket.peek(nanoTime.getAsLong());
    }

    /** Charges this caller one token, if any is left, for something that already happened (a failed sign-in). */
    public void charge(RouteClass routeClass, String caller) {
        TokenBucket bucket = bucket(routeClass, caller);
        if (bucket != null) {
            bucket.drain(nanoTime.getAsLong());
        }
    }

    /** Buckets held now in one class. */
    public int size(RouteClass routeClass) {
        return buckets.get(routeClass).size();
    }

    private TokenBucket existing(RouteClass routeClass, String caller) {
        return limits.get(routeClass).unlimited() ? null : buckets.get(routeClass).get(caller);
    }

    private TokenBucket bucket(RouteClass routeClass, String caller) {
        RateLimitProperties.Limit limit = limits.get(routeClass);
        if (limit.unlimited()) {
            return null;
        }
        Map<String, TokenBucket> callers = buckets.get(routeClass);
        TokenBucket bucket = callers.get(caller);
        if (bucket != null) {
            return bucket;
        }
        if (callers.size() >= maxCallers) {
            sweep(callers);
        }
        return callers.computeIfAbsent(caller, key -> new TokenBucket(limit.capacity(), limit.period(),
                nanoTime.getAsLong()));
    }

    /** Forgets full buckets; if that is not enough, drops others until a tenth of the room is free. */
    private void sweep(Map<String, TokenBucket> callers) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            long now = nanoTime.getAsLong();
            callers.entrySet().removeIf(entry -> entry.getValue().isFull(now));
            int target = maxCallers - Math.max(1, maxCallers / 10);
            Iterator<String> any = callers.keySet().iterator();
            while (callers.size() > target && any.hasNext()) {
                any.next();
                any.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
