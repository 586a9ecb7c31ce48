package app.hearth.adapters.shared.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Samples every event processor of this node, every {@code hearth.observability.processors.sample-interval}, from the
 * database that all nodes share (ADR 0045): the head of the event store (its highest {@code global_index}), each
 * segment's token position, owner and lag (head minus position), and the processing group's parked dead letters.
 * Health ({@link ProcessorsHealth}) and the Prometheus gauges read the last sample, so neither a probe nor a scrape
 * touches the database. A processor is <em>stalled</em> when one of its segments has kept its position for
 * {@code stalled-after} or longer while events wait for it ({@link StallWatch}), whichever node holds it, or none.
 */
public class ProcessorProgress implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorProgress.class);

    /** One segment as sampled; {@code here} when this node processes it now, {@code error} its failure here. */
    public record SegmentSample(int segment, long position, long lag, String owner, boolean here, String error,
                                Duration waited) {
    }

    /**
     * One processor as sampled: {@code lag} is its slowest segment's, {@code deadLetters} the letters parked for its
     * processing group (in {@code deadLetterSequences} aggregates), {@code running} and {@code error} as this node
     * sees it, {@code waited} the longest any of its segments has kept its position with events waiting.
     */
    public record ProcessorSample(String name, long lag, long deadLetters, long deadLetterSequences, boolean running,
                                  String error, Duration waited, boolean stalled, List<SegmentSample> segments) {
    }

    /** One pass over every processor; {@code failure} when the database could not be read. */
    public record Sample(Instant at, long head, Map<String, ProcessorSample> processors, String failure) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry meters;
    private final ObservabilityProperties.Processors settings;
    private final LongSupplier nanoTime;
    private final StallWatch watch = new StallWatch();
    private final Set<String> metered = new HashSet<>();
    private volatile Sample last = new Sample(Instant.EPOCH, 0, Map.of(), "not sampled yet");
    private ScheduledExecutorService executor;

    public ProcessorProgress(JdbcTemplate jdbc, Serializer tokenSerializer, EventProcessingConfiguration processing,
                             MeterRegistry meters, ObservabilityProperties.Processors settings) {
        this(jdbc, tokenSerializer, processing, meters, settings, System::nanoTime);
    }

    ProcessorProgress(JdbcTemplate jdbc, Serializer tokenSerializer, EventProcessingConfiguration processing,
                      MeterRegistry meters, ObservabilityProperties.Processors settings, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.processing = processing;
        this.meters = meters;
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** The last sample. */
    public Sample last() {
        return last;
    }

    /** The configured limit of {@link ProcessorSample#stalled()}. */
    public Duration stalledAfter() {
        return settings.stalledAfter();
    }

    /** Takes a sample now; the scheduler calls it, and tests that cannot wait. */
    public synchronized Sample sample() {
        try {
            last = read();
        } catch (RuntimeException e) {
            log.warn("Could not sample the event processors: {}", e.toString());
            last = new Sample(Instant.now(), last.head(), last.processors(), e.toString());
        }
        return last;
    }

    private Sample read() {
        long now = nanoTime.getAsLong();
        long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        Map<String, Map<Integer, Token>> tokens = new HashMap<>();
        jdbc.query("select processor_name, segment, token, token_type, owner from token_entry", row -> {
            tokens.computeIfAbsent(row.getString(1), name -> new TreeMap<>()).put(row.getInt(2),
                    new Token(row.getBytes(3), row.getString(4), row.getString(5)));
        });
        Map<String, long[]> letters = new HashMap<>();
        jdbc.query("select processing_group, count(*), count(distinct sequence_identifier) from dead_letter_entry"
                + " group by processing_group", row -> {
            letters.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)});
        });

        Map<String, ProcessorSample> processors = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        new TreeMap<>(processing.eventProcessors()).forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            Map<Integer, EventTrackerStatus> local = streaming.processingStatus();
            Map<Integer, Token> segments = tokens.getOrDefault(name, Map.of());
            if (segments.isEmpty()) {
                // no token yet: nothing processed, no segment to claim; waits as one segment until tokens exist
                segments = Map.of(-1, new Token(null, null, null));
            }
            List<SegmentSample> sampled = new ArrayList<>();
            Duration waited = Duration.ZERO;
            long lag = 0;
            for (var entry : segments.entrySet()) {
                int segment = entry.getKey();
                long position = position(entry.getValue());
                long segmentLag = Math.max(0, head - position);
                String key = name + "/" + segment;
                present.add(key);
                Duration segmentWaited = watch.observe(key, position, segmentLag, now);
                EventTrackerStatus status = local.get(segment);
                String error = status != null && status.isErrorState() && status.getError() != null
                        ? status.getError().toString() : null;
                sampled.add(new SegmentSample(segment, position, segmentLag, entry.getValue().owner(),
                        status != null, error, segmentWaited));
                lag = Math.max(lag, segmentLag);
                waited = segmentWaited.compareTo(waited) > 0 ? segmentWaited : waited;
            }
            long[] parked = letters.getOrDefault(name, new long[2]);
            String error = streaming.isError() ? "in error mode, retrying with back-off" : null;
            processors.put(name, new ProcessorSample(name, lag, parked[0], parked[1], streaming.isRunning(), error,
                    waited, waited.compareTo(settings.stalledAfter()) >= 0, List.copyOf(sampled)));
        });
        watch.retainOnly(present);
        processors.keySet().forEach(this::meter);
        return new Sample(Instant.now(), head, Map.copyOf(processors), null);
    }

    private record Token(byte[] data, String type, String owner) {
    }

    /** The last global index a segment has processed (or dead-lettered); 0 before its first event. */
    private long position(Token token) {
        if (token.data() == null || token.type() == null) {
            return 0;
        }
        TrackingToken tracking = tokenSerializer.deserialize(
                new SimpleSerializedObject<>(token.data(), byte[].class, token.type(), null));
        return tracking == null ? 0 : tracking.position().orElse(0);
    }

    private void meter(String processor) {
        if (!metered.add(processor)) {
            return;
        }
        gauge("hearth.event.processor.lag", processor, "events stored after the slowest segment's position",
                p -> p.lag());
        gauge("hearth.event.processor.dead.letters", processor, "events parked in the processing group's dead-letter"
                + " queue", p -> p.deadLetters());
        gauge("hearth.event.processor.stalled", processor, "1 when a segment has not moved for stalled-after while"
                + " events wait", p -> p.stalled() ? 1 : 0);
    }

    private void gauge(String name, String processor, String description, ToDoubleFunction<ProcessorSample> value) {
        Gauge.builder(name, this, progress -> {
            ProcessorSample sample = progress.last.processors().get(processor);
            return sample == null ? Double.NaN : value.applyAsDouble(sample);
        }).tag("processor", processor).description(description).register(meters);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "processor-progress");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sampleInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sample, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Started after Axon's processors and the web server, stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
