package app.hearth.application.calls;

import app.hearth.domain.access.Actor;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** A member's own place in the queue for anyone: where they are, and leaving it. */
@PrimaryPort
public interface WaitingQueue {

    String NOT_WAITING = "NOT_WAITING";

    /** A place as the member sees it: the line's language, their position (1: next), an estimated wait. */
    record QueueView(String language, long position, long estimatedWaitSeconds, CallKind kind, String callId,
                     Instant waitingSince, Instant leavesAt) {
    }

    Optional<QueueView> mine(Actor member);

    /** Leaves the queue; {@value #NOT_WAITING} (404) when the member was not in it. */
    void leave(Actor member);
}
