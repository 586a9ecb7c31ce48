package app.hearth.adapters.shared.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets per class and caller; memory stays bounded. */
class RateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private RateLimiter limiter(int auth, int write, int read, int maxCallers) {
        var properties = new RateLimitProperties(true,
                new RateLimitProperties.Limit(auth, Duration.ofMinutes(1)),
                new RateLimitProperties.Limit(write, Duration.ofMinutes(1)),
                new RateLimitProperties.Limit(read, Duration.ofMinutes(1)), maxCallers);
        return new RateLimiter(properties, now::get);
    }

    @Test
    void eachCallerAndEachClassHasItsOwnBucket() {
        var limiter = limiter(2, 3, 0, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take(RateLimiter.RouteClass.WRITE, "user:ada").allowed()).isTrue();
        }
        assertThat(limiter.take(RateLimiter.RouteClass.WRITE, "user:ada").allowed()).isFalse();
        assertThat(limiter.take(RateLimiter.RouteClass.WRITE, "user:bob").allowed()).isTrue();
        assertThat(limiter.take(RateLimiter.RouteClass.AUTH, "user:ada").allowed()).isTrue();
        // capacity 0: reads are not limited and hold no buckets
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.take(RateLimiter.RouteClass.READ, "user:ada").allowed()).isTrue();
        }
        assertThat(limiter.size(RateLimiter.RouteClass.READ)).isZero();
    }

    @Test
    void failuresChargedAfterTheFactEmptyTheBucketThatPeekingLooksAt() {
        var limiter = limiter(3, 10, 10, 100);
        assertThat(limiter.peek(RateLimiter.RouteClass.AUTH, "ip:10.0.0.1").allowed()).isTrue();
        assertThat(limiter.size(RateLimiter.RouteClass.AUTH)).as("peeking creates no bucket").isZero();
        for (int i = 0; i < 5; i++) {
            limiter.charge(RateLimiter.RouteClass.AUTH, "ip:10.0.0.1");
        }
        var peeked = limiter.peek(RateLimiter.RouteClass.AUTH, "ip:10.0.0.1");
        assertThat(peeked.allowed()).isFalse();
        assertThat(peeked.retryAfterSeconds()).isEqualTo(20);
        now.addAndGet(20 * SECOND);
        assertThat(limiter.peek(RateLimiter.RouteClass.AUTH, "ip:10.0.0.1").allowed()).isTrue();
    }

    @Test
    void memoryIsBoundedAndFullBucketsAreForgottenFirst() {
        var limiter = limiter(10, 2, 10, 100);
        limiter.take(RateLimiter.RouteClass.WRITE, "user:busy");
        limiter.take(RateLimiter.RouteClass.WRITE, "user:busy");
        for (int i = 0; i < 99; i++) {
            limiter.take(RateLimiter.RouteClass.WRITE, "user:idle-" + i);
        }
        assertThat(limiter.size(RateLimiter.RouteClass.WRITE)).isEqualTo(100);
        // a minute later every idle bucket is full again; the busy one is refilled too, but emptied once more
        now.addAndGet(60 * SECOND);
        limiter.take(RateLimiter.RouteClass.WRITE, "user:busy");
        limiter.take(RateLimiter.RouteClass.WRITE, "user:busy");
        limiter.take(RateLimiter.RouteClass.WRITE, "user:newcomer");
        assertThat(limiter.size(RateLimiter.RouteClass.WRITE)).isEqualTo(2);
        assertThat(limiter.take(RateLimiter.RouteClass.WRITE, "user:busy").allowed())
                .as("the busy caller's bucket was kept").isFalse();
    }

    @Test
    void whenNoBucketIsFullSomeAreDroppedSoMemoryStillStaysBounded() {
        var limiter = limiter(10, 1, 10, 100);
        for (int i = 0; i < 1_000; i++) {
            limiter.take(RateLimiter.RouteClass.WRITE, "ip:attacker-" + i);
            assertThat(limiter.size(RateLimiter.RouteClass.WRITE)).isLessThanOrEqualTo(100);
        }
    }
}
