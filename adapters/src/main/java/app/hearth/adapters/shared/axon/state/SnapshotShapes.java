package app.hearth.adapters.shared.axon.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a feature's aggregate is written into a snapshot as plain JSON an auditor can read (ADR 0041): Jackson mix-ins
 * for its Axon shell and its state types, contributed by the feature's {@code axon} package. The domain carries no
 * Jackson annotation.
 */
@FunctionalInterface
public interface SnapshotShapes {

    void configure(JsonMapper.Builder mapper);

    /** The mix-in of every aggregate shell: its fields as they are (identifier and state), no getters. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    abstract class ShellFields {
    }
}
