package app.hearth.domain.calls;

import java.time.Instant;
import java.util.Objects;
import org.jmolecules.ddd.annotation.ValueObject;

/** A deadline the watchdog must schedule for a call: at {@code due}, send {@code Expire(kind)}. */
@ValueObject
public record Deadline(DeadlineKind kind, Instant due) {
    public Deadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(due, "due");
    }
}
