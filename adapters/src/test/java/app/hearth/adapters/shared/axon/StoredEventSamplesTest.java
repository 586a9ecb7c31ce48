package app.hearth.adapters.shared.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every stored event is pinned by a golden sample, {@code events/<stored name>.<revision>.json} (ADR 0039): what the
 * application's event serializer writes for its example equals the sample, and the sample reads back equal to the
 * example. Renaming or dropping a field of an event, or of a value inside it, fails here; so does a stored event
 * without an example and a sample. A sample of an older revision reads, through the application's upcasters, as
 * today's example.
 *
 * <p>To add the sample of a new event (or of a new revision), run this test with
 * {@code -Dhearth.events.record=true}: it writes the missing samples to {@code src/test/resources/events}, and never
 * overwrites one. Review what it wrote as a stored format you promise to read forever.
 */
class StoredEventSamplesTest {

    /** Read where they are written, not from the build's copy, which keeps a sample deleted since. */
    static final Path SAMPLES = Path.of("src/test/resources/events");

    /** The application's own beans: the same stored names, revisions and Jackson settings as the event store. */
    static final HearthAxonConfiguration AXON = new HearthAxonConfiguration();
    static final StoredEventTypes TYPES = AXON.storedEventTypes();
    static final Serializer SERIALIZER = AXON.eventSerializer(TYPES);

    /** Reads the samples and compares JSON trees; it writes no event. */
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static Stream<Class<?>> storedEventClasses() {
        return TYPES.eventClasses().stream().sorted(Comparator.comparing(StoredEventSamplesTest::nameOf));
    }

    @Test
    void everyStoredEventHasAnExampleAndAGoldenSampleAtItsRevision() throws IOException {
        if (Boolean.getBoolean("hearth.events.record")) {
            recordMissingSamples();
        }
        var missing = new ArrayList<String>();
        storedEventClasses().forEach(eventClass -> {
            if (StoredEventExamples.of(eventClass).isEmpty()) {
                missing.add("no example of " + eventClass.getName() + " in StoredEventExamples");
            }
            if (!Files.exists(SAMPLES.resolve(sampleFile(eventClass)))) {
                missing.add("no golden sample " + sampleFile(eventClass) + " (record it: -Dhearth.events.record=true)");
            }
        });
        assertThat(missing).as("stored events not pinned").isEmpty();
        assertThat(TYPES.eventClasses()).as("the scan found the stored events").hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void everySampleIsOfAStoredEventAtOrBelowItsRevision() throws IOException {
        for (Sample sample : samples()) {
            Class<?> eventClass = TYPES.classNamed(sample.name()).orElse(null);
            assertThat(eventClass).as("%s names no stored event", sample.file()).isNotNull();
            assertThat(sample.revision()).as(sample.file())
                    .isBetween(1, Integer.parseInt(TYPES.revisionOf(eventClass).orElseThrow()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedEventClasses")
    void whatWeWriteEqualsTheSample(Class<?> eventClass) {
        Object example = StoredEventExamples.of(eventClass).orElseThrow();
        SerializedObject<byte[]> written = SERIALIZER.serialize(example, byte[].class);

        assertThat(written.getType()).isEqualTo(new SimpleSerializedType(nameOf(eventClass), revisionOf(eventClass)));
        assertThat(JSON.readTree(written.getData())).as("%s as written", sampleFile(eventClass))
                .isEqualTo(JSON.readTree(sample(sampleFile(eventClass))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedEventClasses")
    void theSampleReadsBackEqualToTheExample(Class<?> eventClass) {
        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(sample(sampleFile(eventClass)),
                byte[].class, nameOf(eventClass), revisionOf(eventClass)));

        assertThat(read).isEqualTo(StoredEventExamples.of(eventClass).orElseThrow());
    }

    /** A null or an empty list would leave the fields of a value unpinned: a rename there would go unnoticed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storedEventClasses")
    void theSamplePinsEveryField(Class<?> eventClass) {
        assertThat(unpinned(JSON.readTree(sample(sampleFile(eventClass))), "$"))
                .as("%s: set these in StoredEventExamples", sampleFile(eventClass)).isEmpty();
    }

    @Test
    void everyOlderRevisionReadsAsTodaysExampleThroughTheUpcasters() throws IOException {
        var older = samples().stream().filter(sample -> !sample.revision().toString()
                .equals(TYPES.revisionOf(TYPES.classNamed(sample.name()).orElseThrow()).orElseThrow())).toList();
        assertThat(older).as("at least the example upcast: call.CallEnded revision 1").isNotEmpty();
        for (Sample sample : older) {
            Object read = readThroughUpcasters(sample.name(), sample.revision().toString(), sample(sample.file()));
            assertThat(read).as(sample.file())
                    .isEqualTo(StoredEventExamples.of(TYPES.classNamed(sample.name()).orElseThrow()).orElseThrow());
        }
    }

    /**
     * Every {@link EventUpcaster} of the adapters, as Axon's Spring configuration registers each such bean with the
     * event store's upcaster chain.
     */
    static EventUpcasterChain applicationUpcasters() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(EventUpcaster.class));
        var upcasters = scanner.findCandidateComponents("app.hearth.adapters").stream()
                .map(candidate -> {
                    try {
                        return (EventUpcaster) Class.forName(candidate.getBeanClassName())
                                .getDeclaredConstructor().newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(upcasters).as("the application's upcasters").isNotEmpty();
        return new EventUpcasterChain(upcasters);
    }

    /** Reads one stored event as the event store does: through the upcaster chain, then the event serializer. */
    static Object readThroughUpcasters(String storedName, String revision, byte[] payload) {
        var stored = new GenericDomainEventEntry<>("Call", "call:call-1", 0, "event-1", StoredEventExamples.T,
                storedName, revision, payload, "{}".getBytes(StandardCharsets.UTF_8));
        List<? extends DomainEventMessage<?>> read = EventStreamUtils.asStream(EventStreamUtils
                .upcastAndDeserializeDomainEvents(Stream.of(stored), SERIALIZER, applicationUpcasters())).toList();
        assertThat(read).hasSize(1);
        return read.getFirst().getPayload();
    }

    static List<String> unpinned(JsonNode node, String at) {
        var found = new ArrayList<String>();
        if (node.isNull()) {
            found.add(at + " is null");
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                found.add(at + " is empty");
            }
            for (int i = 0; i < node.size(); i++) {
                found.addAll(unpinned(node.get(i), at + "[" + i + "]"));
            }
        } else if (node.isObject()) {
            node.properties().forEach(field -> found.addAll(unpinned(field.getValue(), at + "." + field.getKey())));
        }
        return found;
    }

    record Sample(String file, String name, Integer revision) {
    }

    /** Every sample file, {@code <stored name>.<revision>.json}. */
    static List<Sample> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".json")).sorted()
                    .map(file -> {
                String base = file.substring(0, file.length() - ".json".length());
                int dot = base.lastIndexOf('.');
                return new Sample(file, base.substring(0, dot), Integer.valueOf(base.substring(dot + 1)));
            }).toList();
        }
    }

    private static void recordMissingSamples() throws IOException {
        Files.createDirectories(SAMPLES);
        for (Class<?> eventClass : TYPES.eventClasses()) {
            Path file = SAMPLES.resolve(sampleFile(eventClass));
            var example = StoredEventExamples.of(eventClass);
            if (example.isPresent() && !Files.exists(file)) {
                byte[] written = SERIALIZER.serialize(example.get(), byte[].class).getData();
                Files.writeString(file, JSON.writeValueAsString(JSON.readTree(written)) + "\n");
            }
        }
    }

    static String sampleFile(Class<?> eventClass) {
        return nameOf(eventClass) + "." + revisionOf(eventClass) + ".json";
    }

    static byte[] sample(String file) {
        Path sample = SAMPLES.resolve(file);
        assertThat(sample).as("golden sample").exists();
        try {
            return Files.readAllBytes(sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String nameOf(Class<?> eventClass) {
        return TYPES.nameOf(eventClass).orElseThrow();
    }

    static String revisionOf(Class<?> eventClass) {
        return TYPES.revisionOf(eventClass).orElseThrow();
    }
}
