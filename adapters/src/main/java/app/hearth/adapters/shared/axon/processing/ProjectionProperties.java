package app.hearth.adapters.shared.axon.processing;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults of every event processor (a processing group with its own {@code axon.eventhandling.processors.<name>}
 * entry keeps that entry's values instead):
 * <ul>
 *   <li>{@code batchSize}: events per transaction (rows and token commit together).</li>
 *   <li>{@code tokenClaimInterval}: how often a node tries to claim a segment nobody holds.</li>
 *   <li>{@code claimTimeout}: after this long without an update, a claim of a node that died is taken over.</li>
 *   <li>{@code deadLetterRetry}: how often dead-lettered sequences are tried again (their cause may be gone).</li>
 *   <li>{@code deadLetterMaxSequences} / {@code deadLetterMaxSequenceSize}: per processing group; beyond them the
 *       processor stops and retries rather than drop an event.</li>
 *   <li>{@code segments}: processing groups that run several segments, by name (the others run one): the number of
 *       segments their tokens are created with; each node runs up to twice as many threads, one per segment it
 *       holds, so every segment still has a thread after one split of each (ADR 0044).</li>
 * </ul>
 */
@ConfigurationProperties("hearth.projections")
public record ProjectionProperties(Integer batchSize, Duration tokenClaimInterval, Duration claimTimeout,
                                   Duration deadLetterRetry, Integer deadLetterMaxSequences,
                                   Integer deadLetterMaxSequenceSize, Map<String, Integer> segments) {

    public ProjectionProperties {
        batchSize = batchSize == null ? 100 : batchSize;
        tokenClaimInterval = tokenClaimInterval == null ? Duration.ofSeconds(2) : tokenClaimInterval;
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(10) : claimTimeout;
        deadLetterRetry = deadLetterRetry == null ? Duration.ofMinutes(5) : deadLetterRetry;
        deadLetterMaxSequences = deadLetterMaxSequences == null ? 1024 : deadLetterMaxSequences;
        deadLetterMaxSequenceSize = deadLetterMaxSequenceSize == null ? 65_536 : deadLetterMaxSequenceSize;
        segments = segments == null ? Map.of() : Map.copyOf(segments);
        segments.forEach((group, count) -> {
            if (count == null || count < 1) {
                throw new IllegalArgumentException("hearth.projections.segments." + group + " must be at least 1");
            }
        });
    }
}
