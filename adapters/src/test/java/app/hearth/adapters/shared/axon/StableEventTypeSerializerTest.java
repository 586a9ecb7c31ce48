package app.hearth.adapters.shared.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.money.wallet.CallVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.jmolecules.event.annotation.DomainEvent;
import org.junit.jupiter.api.Test;

class StableEventTypeSerializerTest {

    final StoredEventTypes types = StoredEventTypes.scan("app.hearth.domain");
    final StableEventTypeSerializer serializer = new StableEventTypeSerializer(Jackson3Serializer.builder().build(),
            types);

    @Test
    void everyEarningsEventHasAStoredNameThatIsNotItsClassName() {
        var concrete = Arrays.stream(EarningsEvent.class.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()) : java.util.stream.Stream.of(type))
                .toList();
        assertThat(concrete).hasSize(5).allSatisfy(type ->
                assertThat(types.nameOf(type)).hasValueSatisfying(name -> assertThat(name)
                        .startsWith("earnings.").doesNotContain("app.hearth")));
    }

    @Test
    void eventsAreStoredAsJsonUnderTheirStableName() {
        var opened = new EarningsAccountOpened("c-1", "admin:a", Instant.parse("2026-11-24T10:00:00Z"));
        SerializedObject<byte[]> stored = serializer.serialize(opened, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("earnings.EarningsAccountOpened");
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .isEqualTo("{\"companionId\":\"c-1\",\"actor\":\"admin:a\",\"openedAt\":\"2026-11-24T10:00:00Z\"}");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(opened);
    }

    @Test
    void aStoredNameStillReadsWhenTheClassHasMovedOrBeenRenamed() {
        // The history was written when the event was called EarningsAccountOpened; the class now is MovedOpened.
        var moved = new StableEventTypeSerializer(Jackson3Serializer.builder().build(),
                new StoredEventTypes(List.of(MovedOpened.class)));
        byte[] json = "{\"companionId\":\"c-1\",\"actor\":\"admin:a\",\"openedAt\":\"2026-11-24T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        Object read = moved.deserialize(new SimpleSerializedObject<>(json, byte[].class,
                new SimpleSerializedType("earnings.EarningsAccountOpened", "1")));

        assertThat(read).isEqualTo(new MovedOpened("c-1", "admin:a", Instant.parse("2026-11-24T10:00:00Z")));
    }

    @Test
    void aCallEndStoredBeforeItCarriedItsStartedMinutesReadsBackWithTheSameVerdict() {
        // as stored before ADR 0030: no startedMinutes
        byte[] json = ("{\"callId\":\"call-1\",\"memberId\":\"m-1\",\"companionId\":\"c-1\",\"kind\":\"AUDIO\","
                + "\"reason\":\"HUNG_UP_BY_MEMBER\",\"endedBy\":\"m-1\",\"connectedAt\":\"2026-11-24T10:00:00Z\","
                + "\"endedAt\":\"2026-11-24T10:01:10Z\",\"billableUntil\":\"2026-11-24T10:01:10Z\","
                + "\"connectedSeconds\":70,\"billableSeconds\":70,\"chargeable\":true,"
                + "\"at\":\"2026-11-24T10:01:10Z\"}").getBytes(StandardCharsets.UTF_8);
        Object read = serializer.deserialize(new SimpleSerializedObject<>(json, byte[].class,
                new SimpleSerializedType("call.CallEnded", "1")));

        assertThat(read).isInstanceOfSatisfying(CallEvent.CallEnded.class, ended -> {
            assertThat(ended.startedMinutes()).isNull();
            assertThat(ended.verdict()).isEqualTo(new CallVerdict(true, 70, 2));
        });
    }

    @Test
    void twoClassesCannotClaimOneStoredName() {
        assertThatThrownBy(() -> new StoredEventTypes(List.of(EarningsAccountOpened.class, MovedOpened.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("earnings.EarningsAccountOpened");
    }

    @DomainEvent(namespace = "earnings", name = "EarningsAccountOpened")
    record MovedOpened(String companionId, String actor, Instant openedAt) {
    }
}
