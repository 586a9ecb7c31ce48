package app.hearth.adapters.shared.observability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/eventProcessors}: one component per event processor of this node, from the last sample of
 * {@link ProcessorProgress} (ADR 0045). A processor is DOWN when one of its segments has kept its token position for
 * {@code hearth.observability.processors.stalled-after} or longer while events wait for it; otherwise UP, however far
 * behind, as long as it moves. Parked dead letters are reported but do not make it DOWN: they are the design working
 * (one aggregate held back, everything else going on). UNKNOWN when the database could not be read.
 */
public class ProcessorsHealth implements CompositeHealthContributor {

    private final ProcessorProgress progress;

    public ProcessorsHealth(ProcessorProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return progress.last().processors().containsKey(name) ? indicator(name) : null;
    }

    @Override
    public Stream<Entry> stream() {
        return progress.last().processors().keySet().stream().sorted().map(name -> new Entry(name, indicator(name)));
    }

    private HealthIndicator indicator(String name) {
        return () -> health(progress.last(), name, progress.stalledAfter());
    }

    static Health health(ProcessorProgress.Sample sample, String name, Duration stalledAfter) {
        ProcessorProgress.ProcessorSample processor = sample.processors().get(name);
        if (processor == null) {
            return Health.unknown().build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lag", processor.lag());
        details.put("deadLetters", processor.deadLetters());
        details.put("deadLetterSequences", processor.deadLetterSequences());
        details.put("runningHere", processor.running());
        if (processor.error() != null) {
            details.put("error", processor.error());
        }
        details.put("stalledAfter", stalledAfter.toString());
        if (!processor.waited().isZero()) {
            details.put("unmovedFor", processor.waited().withNanos(0).toString());
        }
        details.put("segments", processor.segments().stream().map(segment -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("segment", segment.segment());
            detail.put("position", segment.position());
            detail.put("lag", segment.lag());
            detail.put("owner", segment.owner());
            detail.put("here", segment.here());
            if (segment.error() != null) {
                detail.put("error", segment.error());
            }
            return detail;
        }).toList());
        details.put("head", sample.head());
        details.put("sampledAt", sample.at().toString());
        if (sample.failure() != null) {
            details.put("sampleFailure", sample.failure());
            return Health.unknown().withDetails(details).build();
        }
        if (processor.stalled()) {
            details.put("reason", "no progress for " + processor.waited().withNanos(0) + " with " + processor.lag()
                    + " events waiting (limit " + stalledAfter + ")");
            return Health.down().withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }
}
