package app.hearth.adapters.shared.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bucket arithmetic, on a clock the test moves by hand. */
class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000 * SECOND;

    @Test
    void aNewBucketAllowsABurstOfItsCapacityAndThenRefuses() {
        var bucket = new TokenBucket(5, Duration.ofMinutes(1), T0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take(T0).allowed()).isTrue();
        }
        var refused = bucket.take(T0);
        assertThat(refused.allowed()).isFalse();
        // 5 per minute: one token every 12 s
        assertThat(refused.waitNanos()).isEqualTo(12 * SECOND);
        assertThat(refused.retryAfterSeconds()).isEqualTo(12);
    }

    @Test
    void tokensComeBackAtCapacityPerPeriodContinuously() {
        var bucket = new TokenBucket(5, Duration.ofMinutes(1), T0);
        for (int i = 0; i < 5; i++) {
            bucket.take(T0);
        }
        // after 6 s half a token: still refused, and told 6 s more
        var half = bucket.take(T0 + 6 * SECOND);
        assertThat(half.allowed()).isFalse();
        assertThat(half.retryAfterSeconds()).isEqualTo(6);
        // after 12 s exactly one: one request, not two
        assertThat(bucket.take(T0 + 12 * SECOND).allowed()).isTrue();
        assertThat(bucket.take(T0 + 12 * SECOND).allowed()).isFalse();
        // after 25 s more: two tokens (and a bit)
        assertThat(bucket.take(T0 + 37 * SECOND).allowed()).isTrue();
        assertThat(bucket.take(T0 + 37 * SECOND).allowed()).isTrue();
        assertThat(bucket.take(T0 + 37 * SECOND).allowed()).isFalse();
    }

    @Test
    void anIdleBucketNeverHoldsMoreThanItsCapacity() {
        var bucket = new TokenBucket(3, Duration.ofSeconds(3), T0);
        bucket.take(T0);
        long muchLater = T0 + 3_600 * SECOND;
        assertThat(bucket.isFull(muchLater)).isTrue();
        assertThat(bucket.tokens(muchLater)).isEqualTo(3.0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(muchLater).allowed()).isTrue();
        }
        assertThat(bucket.take(muchLater).allowed()).isFalse();
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndIsAtLeastOne() {
        assertThat(new TokenBucket.Decision(false, 1).retryAfterSeconds()).isEqualTo(1);
        assertThat(new TokenBucket.Decision(false, SECOND).retryAfterSeconds()).isEqualTo(1);
        assertThat(new TokenBucket.Decision(false, SECOND + 1).retryAfterSeconds()).isEqualTo(2);
        // 120 per minute: a token every 500 ms, still "Retry-After: 1"
        var fast = new TokenBucket(120, Duration.ofMinutes(1), T0);
        for (int i = 0; i < 120; i++) {
            fast.take(T0);
        }
        var refused = fast.take(T0);
        assertThat(refused.waitNanos()).isEqualTo(SECOND / 2);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void peekingTakesNothingAndDrainingNeverGoesBelowZero() {
        var bucket = new TokenBucket(2, Duration.ofSeconds(10), T0);
        assertThat(bucket.peek(T0).allowed()).isTrue();
        assertThat(bucket.tokens(T0)).isEqualTo(2.0);
        bucket.drain(T0);
        bucket.drain(T0);
        bucket.drain(T0);
        assertThat(bucket.tokens(T0)).isZero();
        assertThat(bucket.peek(T0).allowed()).isFalse();
        assertThat(bucket.peek(T0).retryAfterSeconds()).isEqualTo(5);
    }

    @Test
    void aClockThatStepsBackDoesNotMintTokens() {
        var bucket = new TokenBucket(1, Duration.ofSeconds(10), T0);
        bucket.take(T0);
        assertThat(bucket.take(T0 - 60 * SECOND).allowed()).isFalse();
        assertThat(bucket.take(T0 + 10 * SECOND).allowed()).isTrue();
    }

    @Test
    void aBucketNeedsACapacityAndAPeriod() {
        assertThatThrownBy(() -> new TokenBucket(0, Duration.ofSeconds(1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, Duration.ZERO, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
