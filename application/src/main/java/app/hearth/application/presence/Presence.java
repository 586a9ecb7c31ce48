package app.hearth.application.presence;

import app.hearth.domain.access.Actor;
import app.hearth.domain.presence.PresenceFacts;
import app.hearth.domain.presence.PresenceReason;
import app.hearth.domain.presence.PresenceState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** Reading derived presence: a companion their own, staff the live board (adr/0053). */
@PrimaryPort
public interface Presence {

    /** A companion's presence: the state, since when, why they are not available, and the facts. */
    record View(String companionId, PresenceState state, Instant since, Set<PresenceReason> reasons,
                PresenceFacts facts) {
    }

    /** The calling companion's presence (offline with no facts when nothing is known yet). */
    View own(Actor companion);

    /**
     * The live board: without {@code after}, every companion in the caller's scope (a supervisor's team; everyone for
     * admins) with the position to catch up from; with it, the changes after that position in scope.
     */
    Board board(Actor staff, Long after, int limit);

    record Board(List<View> companions, List<PresenceStore.Change> changes, long position) {
    }
}
