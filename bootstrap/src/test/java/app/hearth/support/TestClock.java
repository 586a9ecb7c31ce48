package app.hearth.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real UTC clock (in whole microseconds, as the application's) plus an offset a test moves forward: time keeps
 * flowing for the watchdog and the deadline poller, and a test skips a minute of a call in an instant. Registered as
 * the application's {@code clock} bean by {@link Initializer}; one instance serves every node a test starts.
 */
public final class TestClock extends Clock {

    public static final TestClock INSTANCE = new TestClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock() {
    }

    /** Moves the clock forward by {@code step}. */
    public void advance(Duration step) {
        offset.accumulateAndGet(step, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC");
    }

    /** Puts {@link #INSTANCE} in the context as its {@code clock} (the application's own steps aside). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getBeanFactory().registerSingleton("clock", INSTANCE);
        }
    }
}
