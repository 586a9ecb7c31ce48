package app.hearth.application.deadlines;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * The persistent deadline store (ADR 0026). At most one deadline per (kind, key): scheduling again moves it.
 * Changes join the caller's transaction, so a deadline is set exactly when the facts that need it are stored. A due
 * deadline is handed to the {@link DeadlineHandler} of its kind on one node of the cluster, in a transaction of its
 * own; it is removed or moved in that same transaction, so it fires once per due time, and again only if its handler
 * failed (after a back-off) or the node died before committing.
 */
@SecondaryPort
public interface Deadlines {

    /** Sets the deadline of {@code (kind, key)} to {@code due}, replacing the one there was. */
    void schedule(String kind, String key, Instant due);

    /** Removes the deadline of {@code (kind, key)}, if any. */
    void cancel(String kind, String key);

    /**
     * Locks the deadline of {@code (kind, key)} (if there is one) until the caller's transaction ends. A transaction
     * that changes what a deadline guards takes this first, as the poller does when it fires it: the two then
     * queue instead of deadlocking on each other's rows.
     */
    void lock(String kind, String key);

    /** When the deadline of {@code (kind, key)} is due, if there is one. */
    Optional<Instant> due(String kind, String key);

    /** Which of {@code keys} have a deadline of {@code kind} (one question for many, as reconciliation asks). */
    Set<String> scheduled(String kind, Collection<String> keys);
}
