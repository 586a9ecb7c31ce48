package app.hearth.adapters.shared.axon;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.calls.axon.CallEndedUpcaster;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.money.wallet.CallVerdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * The example upcaster (ADR 0039): {@code call.CallEnded} revision 1, stored before it carried its started minutes
 * (ADR 0030), reads as revision 2, today's shape, with the started minutes of its own verdict.
 */
class CallEndedUpcasterTest {

    static final String BEFORE_ADR_0030 = "{\"callId\":\"call-1\",\"memberId\":\"m-1\",\"companionId\":\"c-1\","
            + "\"kind\":\"AUDIO\",\"reason\":\"%s\",\"endedBy\":\"m-1\",\"connectedAt\":\"2026-11-24T10:00:00Z\","
            + "\"endedAt\":\"2026-11-24T10:01:10Z\",\"billableUntil\":\"2026-11-24T10:01:10Z\","
            + "\"connectedSeconds\":%d,\"billableSeconds\":%d,\"chargeable\":%s%s,\"at\":\"2026-11-24T10:01:10Z\"}";

    @Test
    void aChargeableCallEndOfRevision1GainsTheStartedMinutesOfItsBillableSeconds() {
        var upcast = upcast("1", json("HUNG_UP_BY_MEMBER", 121, 121, true, ""));

        assertThat(upcast.getType()).isEqualTo(new SimpleSerializedType("call.CallEnded", "2"));
        assertThat(read(upcast)).isInstanceOfSatisfying(CallEnded.class, ended -> {
            assertThat(ended.startedMinutes()).isEqualTo(3L);
            assertThat(ended.verdict()).isEqualTo(new CallVerdict(true, 121, 3));
        });
    }

    @Test
    void aCallEndThatChargedNothingGainsZeroStartedMinutes() {
        var upcast = upcast("1", json("HUNG_UP_BY_COMPANION", 40, 0, false, ""));

        assertThat(read(upcast)).isInstanceOfSatisfying(CallEnded.class, ended -> {
            assertThat(ended.startedMinutes()).isZero();
            assertThat(ended.verdict()).isEqualTo(CallVerdict.NOTHING);
        });
    }

    @Test
    void aRevision1CallEndStoredWithItsStartedMinutesKeepsThem() {
        // stored at revision 1 after ADR 0030: it carries startedMinutes; a wrong one is refused later, by verdict()
        var upcast = upcast("1", json("BALANCE_EXHAUSTED", 90, 90, true, ",\"startedMinutes\":2"));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(read(upcast)).isInstanceOfSatisfying(CallEnded.class,
                ended -> assertThat(ended.startedMinutes()).isEqualTo(2L));
    }

    @Test
    void todaysRevisionIsLeftAlone() {
        String today = json("HUNG_UP_BY_MEMBER", 70, 70, true, ",\"startedMinutes\":2");
        var read = upcast("2", today);

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat(read.getData(byte[].class).getData()).isEqualTo(today.getBytes(StandardCharsets.UTF_8));
    }

    /** The golden sample of revision 1 reads, through the application's upcasters, as today's example. */
    @Test
    void theGoldenSampleOfRevision1ReadsAsTodaysCallEnd() {
        Object read = StoredEventSamplesTest.readThroughUpcasters("call.CallEnded", "1",
                StoredEventSamplesTest.sample("call.CallEnded.1.json"));

        assertThat(read).isEqualTo(StoredEventExamples.of(CallEnded.class).orElseThrow());
    }

    static String json(String reason, long connected, long billable, boolean chargeable, String startedMinutes) {
        return BEFORE_ADR_0030.formatted(reason, connected, billable, chargeable, startedMinutes);
    }

    static IntermediateEventRepresentation upcast(String revision, String payload) {
        var stored = new GenericDomainEventEntry<>("Call", "call:call-1", 3, "event-1", "2026-11-24T10:01:10Z",
                "call.CallEnded", revision, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new CallEndedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(stored, StoredEventSamplesTest.SERIALIZER)))
                .toList();
        assertThat(upcast).hasSize(1);
        return upcast.getFirst();
    }

    static Object read(IntermediateEventRepresentation upcast) {
        return StoredEventSamplesTest.SERIALIZER.deserialize(upcast.getData());
    }
}
