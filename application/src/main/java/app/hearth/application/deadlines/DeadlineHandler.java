package app.hearth.application.deadlines;

import java.time.Instant;
import java.util.Optional;

/** What a kind of deadline does when it is due. Handlers are found by {@link #kind()}. */
public interface DeadlineHandler {

    /** The kind of deadline this handles (a short stable name, for example {@code call}). */
    String kind();

    /**
     * Acts on the deadline of {@code key}, due at {@code due}, at {@code now} (on or after {@code due}); runs in the
     * transaction that removes or moves the deadline. Returns when it is next due, or empty to remove it. A failure
     * rolls everything back and the deadline is tried again after a back-off.
     */
    Optional<Instant> fire(String key, Instant due, Instant now);
}
