package app.hearth.application.calls;

import app.hearth.domain.calls.Side;
import java.time.Instant;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * The cheap, volatile record of heartbeats (ADR 0022): the latest moment each side of a call was seen alive, shared
 * between nodes within a few seconds, never written to a table. Lost on a full restart by design: what billing needs
 * is proven in the call's events once a minute.
 */
@SecondaryPort
public interface LivenessBoard {

    /** The latest moments each side of a call was seen; either is null when that side was never seen. */
    record Seen(Instant memberSeenAt, Instant companionSeenAt) {
    }

    /** {@code side} of {@code callId} was alive at {@code at}. Must cost no I/O on the caller's thread. */
    void beat(String callId, Side side, Instant at);

    /** What this node knows (its own beats and its peers' shared ones) of {@code callId}. */
    Optional<Seen> seen(String callId);

    /** The call ended: its entry may go. */
    void forget(String callId);
}
