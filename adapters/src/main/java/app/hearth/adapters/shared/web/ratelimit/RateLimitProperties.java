package app.hearth.adapters.shared.web.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hearth.rate-limits.*}: how many requests each caller may make per route class. A limit of
 * {@code capacity} per {@code period} allows a burst of {@code capacity} and then one request every
 * {@code period / capacity}; a capacity of 0 turns that class off.
 *
 * @param enabled    false turns every limit off
 * @param auth       sign-in attempts plus failed authentications (401), per client address
 * @param write      POST, PUT, PATCH and DELETE, per user (per client address before sign-in)
 * @param read       GET and HEAD, per user (per client address before sign-in)
 * @param maxCallers buckets kept in memory per route class; full (idle) buckets are forgotten first
 */
@ConfigurationProperties("hearth.rate-limits")
public record RateLimitProperties(Boolean enabled, Limit auth, Limit write, Limit read, Integer maxCallers) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        auth = Limit.orDefault(auth, 20, Duration.ofMinutes(1));
        write = Limit.orDefault(write, 120, Duration.ofMinutes(1));
        read = Limit.orDefault(read, 1200, Duration.ofMinutes(1));
        maxCallers = maxCallers == null ? 100_000 : maxCallers;
    }

    /** {@code capacity} requests per {@code period}. */
    public record Limit(Integer capacity, Duration period) {

        static Limit orDefault(Limit configured, int capacity, Duration period) {
            if (configured == null) {
                return new Limit(capacity, period);
            }
            return new Limit(configured.capacity() == null ? capacity : configured.capacity(),
                    configured.period() == null ? period : configured.period());
        }

        public boolean unlimited() {
            return capacity == null || capacity <= 0;
        }
    }
}
