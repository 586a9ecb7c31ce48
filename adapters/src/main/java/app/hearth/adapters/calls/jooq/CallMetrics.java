package app.hearth.adapters.calls.jooq;

import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.LiveCounts;
import app.hearth.domain.calls.EndReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The calls' Prometheus figures, read from the read model and cached for {@code hearth.calls.metrics-refresh}
 * (default 5 s): however many scrapes come, the database is asked at most once per period, by the first scrape
 * after it; the others read the figures as they were.
 * <ul>
 *   <li>{@code hearth_calls_active}: calls not ended, whenever requested;</li>
 *   <li>{@code hearth_calls_orphaned}: those of them orphaned (ADR 0023); must read 0;</li>
 *   <li>{@code hearth_calls_completion_ratio}: completed / connected over the calls requested in the last 24 h;</li>
 *   <li>{@code hearth_calls_connected_seconds_average}: mean connected seconds of the connected calls requested in
 *       the last 24 h that ended;</li>
 *   <li>{@code hearth_calls_ended_total{reason}}: calls ended per reason, as the projection counted them once per
 *       call in its own transaction; a replay rebuilds the same totals (during the replay they drop and climb back,
 *       which Prometheus reads as a counter reset), so nothing is counted twice.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
public class CallMetrics {

    private static final Logger log = LoggerFactory.getLogger(CallMetrics.class);
    static final Duration WINDOW = Duration.ofHours(24);

    /** The figures of one refresh. */
    record Figures(Instant at, LiveCounts live, CallStats lastDay, Map<EndReason, Long> ended) {
    }

    private final JooqCallQueries queries;
    private final Clock clock;
    private final Duration refresh;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Figures figures;
    private volatile Instant nextRead = Instant.MIN;

    public CallMetrics(JooqCallQueries queries, Clock clock, MeterRegistry registry,
                       @Value("${hearth.calls.metrics-refresh:PT5S}") Duration refresh) {
        this.queries = queries;
        this.clock = clock;
        this.refresh = refresh;
        Gauge.builder("hearth.calls.active", this, metrics -> metrics.value(f -> f.live().active()))
                .description("Calls that have not ended").register(registry);
        Gauge.builder("hearth.calls.orphaned", this, metrics -> metrics.value(f -> f.live().orphaned()))
                .description("Calls that have not ended although the rules say they must have (ADR 0023); must be 0")
                .register(registry);
        Gauge.builder("hearth.calls.completion.ratio", this,
                        metrics -> metrics.value(f -> f.lastDay().completionRate()))
                .description("Completed / connected calls among those requested in the last 24 h")
                .register(registry);
        Gauge.builder("hearth.calls.connected.seconds.average", this,
                        metrics -> metrics.value(f -> f.lastDay().averageConnectedSeconds()))
                .description("Mean connected seconds of the connected calls requested in the last 24 h that ended")
                .register(registry);
        for (EndReason reason : EndReason.values()) {
            FunctionCounter.builder("hearth.calls.ended", this,
                            metrics -> metrics.value(f -> f.ended().getOrDefault(reason, 0L)))
                    .description("Calls ended, per end reason").tag("reason", reason.name()).register(registry);
        }
    }

    /** One figure of the current refresh; NaN while the read model could never be read. */
    private double value(ToDoubleFunction<Figures> figure) {
        Figures current = current();
        return current == null ? Double.NaN : figure.applyAsDouble(current);
    }

    /**
     * The cached figures, read again first when the refresh period has passed since the last attempt and no other
     * scrape is at it (the others take the figures as they were). A failed read is retried only after another
     * period. Null until a read succeeds.
     */
    Figures current() {
        Instant now = clock.instant();
        if (now.isBefore(nextRead) || !refreshing.tryLock()) {
            return figures;
        }
        try {
            if (!now.isBefore(nextRead)) {
                nextRead = now.plus(refresh);
                figures = read(now);
            }
        } catch (RuntimeException failure) {
            log.warn("call metrics could not be read; keeping the previous figures", failure);
        } finally {
            refreshing.unlock();
        }
        return figures;
    }

    /** Reads the figures now, whatever the cache holds (tests). */
    public void refresh() {
        refreshing.lock();
        try {
            Instant now = clock.instant();
            nextRead = now.plus(refresh);
            figures = read(now);
        } finally {
            refreshing.unlock();
        }
    }

    private Figures read(Instant now) {
        return new Figures(now, queries.liveCounts(), queries.overall(now.minus(WINDOW), now), queries.endedCounts());
    }
}
