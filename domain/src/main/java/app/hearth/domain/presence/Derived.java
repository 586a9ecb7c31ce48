package app.hearth.domain.presence;

import java.time.Instant;
import java.util.Set;

/**
 * A companion's presence derived from their facts at one moment.
 *
 * @param state   what they are
 * @param reasons why they are not available (empty exactly when they are)
 * @param dueAt   when the state changes by time alone, if the facts stay as they are (null: never); the sweeper
 *                derives it again then
 */
public record Derived(PresenceState state, Set<PresenceReason> reasons, Instant dueAt) {

    public Derived {
        reasons = Set.copyOf(reasons);
    }
}
