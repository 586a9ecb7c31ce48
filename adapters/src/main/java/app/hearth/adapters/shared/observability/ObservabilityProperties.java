package app.hearth.adapters.shared.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hearth.observability.*} (ADR 0045).
 *
 * @param processors how event processors are watched
 */
@ConfigurationProperties("hearth.observability")
public record ObservabilityProperties(@DefaultValue Processors processors) {

    /**
     * @param sampleInterval how often the token store, the head of the event store and the dead letters are read
     * @param stalledAfter   how long a segment may keep its position while events wait before its processor is DOWN
     */
    public record Processors(@DefaultValue("PT5S") Duration sampleInterval,
                             @DefaultValue("PT2M") Duration stalledAfter) {

        public Processors {
            if (sampleInterval.isNegative() || sampleInterval.isZero()) {
                throw new IllegalArgumentException("hearth.observability.processors.sample-interval must be positive");
            }
            if (stalledAfter.compareTo(sampleInterval) <= 0) {
                throw new IllegalArgumentException("hearth.observability.processors.stalled-after must be longer than"
                        + " the sample interval");
            }
        }
    }
}
