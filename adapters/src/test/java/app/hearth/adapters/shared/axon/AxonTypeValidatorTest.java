package app.hearth.adapters.shared.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

/** Tokens written after a reset (replay tokens) can be read back by the general serializer. */
class AxonTypeValidatorTest {

    final TrackingToken reset = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(10_050, List.of(7L)));

    @Test
    void aReplayTokenReadsBackWithTheValidator() {
        Jackson3Serializer serializer = Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(new HearthAxonConfiguration().axonTypesInObjectProperties()).build();
        SerializedObject<byte[]> stored = serializer.serialize(reset, byte[].class);
        TrackingToken read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(reset);
        assertThat(ReplayToken.isReplay(read)).isTrue();
    }

    @Test
    void withJacksonsDefaultsItCannotBeReadBack() {
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        SerializedObject<byte[]> stored = serializer.serialize(reset, byte[].class);
        assertThatThrownBy(() -> serializer.deserialize(stored)).isInstanceOf(SerializationException.class)
                .rootCause().hasMessageContaining("java.lang.Object");
    }
}
