package app.hearth.application.presence;

import app.hearth.domain.presence.Derived;
import app.hearth.domain.presence.PresenceFacts;
import app.hearth.domain.presence.PresenceReason;
import app.hearth.domain.presence.PresenceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Companions' presence facts and derived states ({@code companion_presence}), and the log of state changes
 * ({@code companion_presence_change}). Every method runs in the caller's transaction.
 */
@SecondaryPort
public interface PresenceStore {

    /** A companion's row: the facts, the node holding their connection (null: none), the state and since when. */
    record Stored(String companionId, PresenceFacts facts, String connectionNode, PresenceState state,
                  Instant since, Set<PresenceReason> reasons) {
    }

    /** A change of state, at its position in the log. */
    record Change(long position, String companionId, PresenceState state, Instant changedAt) {
    }

    /** Conversations open now, and when the oldest of them leaves the window (null when none is open). */
    record OpenConversations(int count, Instant oldestLeavesAt) {
    }

    /** A node whose heartbeat is older than the live-connection rules allow, and its last heartbeat. */
    record GoneNode(String nodeId, Instant lastHeartbeat) {
    }

    /** Locks the companion's row, created offline when they have none, and returns it. */
    Stored lock(String companionId, Instant now);

    /**
     * Writes the facts and the state derived from them; a new state (with {@code since = now}) is appended to the
     * log, whose position is returned. Empty when the state stayed.
     */
    Optional<Change> save(Stored before, PresenceFacts facts, String connectionNode, Derived derived, Instant now);

    /** The companion's conversations whose latest message is the member's, sent after {@code after}. */
    OpenConversations openConversations(String companionId, Instant after, Duration window);

    /** Up to {@code limit} companions whose {@code due_at} has come. */
    List<String> due(Instant now, int limit);

    /** The nodes whose heartbeat is older than the rules allow (the database's clock). */
    List<GoneNode> goneNodes();

    /** The nodes with a heartbeat row (alive or not). */
    Set<String> knownNodes();

    /** Up to {@code limit} companions whose connection is recorded on {@code nodeId}. */
    List<String> connectedOn(String nodeId, int limit);

    /**
     * Up to {@code limit} companions whose connection is recorded on a node with no heartbeat row at all (deleted:
     * it stopped, or was forgotten), recorded over {@code olderThan} ago.
     */
    List<String> connectedOnUnknownNodes(Instant olderThan, int limit);

    /** Who watches the companion's presence: admins, superadmins, and the supervisor of the companion's team. */
    List<String> watchers(String companionId);

    /** The companion's row, if they have one. */
    Optional<Stored> find(String companionId);

    /** Every companion's row, or only the companions of {@code supervisorId}'s team; at most {@code limit}. */
    List<Stored> board(String supervisorId, int limit);

    /** The position of the newest change (0 when none). */
    long lastPosition();

    /**
     * Up to {@code limit} changes after {@code after}, in order, stopping before a gap in positions a transaction
     * may still fill (one younger than {@code settle}); of them, only the team's of {@code supervisorId} (null: all).
     * The position reached is returned with them.
     */
    ChangesPage changesAfter(long after, String supervisorId, int limit, Duration settle);

    /** Changes after a position, and the position to ask from next. */
    record ChangesPage(List<Change> changes, long position) {
    }
}
