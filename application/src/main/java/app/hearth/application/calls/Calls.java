package app.hearth.application.calls;

import app.hearth.application.media.MediaAccess;
import app.hearth.domain.access.Actor;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.routing.RoutingFilters;
import java.time.Instant;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Calls as their participants use them (semantics.md "Calls"). Only the call's member and companion may act on it;
 * admins, superadmins and the supervisor of the companion's team may end it (ADR 0034). Anyone else is told the call
 * does not exist ({@code CALL_NOT_FOUND}).
 */
@PrimaryPort
public interface Calls {

    /** Routing's choice instead of a companion id. */
    String ANY_COMPANION = "any";

    /**
     * A call as its participants see it. {@code state}: ringing, accepted, connected or ended; {@code media} is the
     * asking participant's own room credentials where the answer carries them, else null.
     */
    record CallStatus(String callId, String memberId, String companionId, CallKind kind, String state,
                      Instant requestedAt, Instant ringsUntil, EndReason endReason, MediaAccess media) {
    }

    /**
     * A member calls a companion ({@code companionId}, or {@link #ANY_COMPANION}). {@code callId} is chosen by the
     * client for retries (null: Hearth picks one); asking twice with the same id and companion rings once.
     */
    CallStatus request(Actor member, String callId, String companionId, CallKind kind);

    /**
     * The answer to a call for anyone: a companion routing chose rings ({@code rule} and {@code explanation}: why
     * them), or nobody could be offered and the member waits in the queue.
     */
    sealed interface Routed {
        record Rung(CallStatus call, String rule, String explanation) implements Routed {
        }

        record Waiting(WaitingQueue.QueueView queue) implements Routed {
        }
    }

    /**
     * A member calls anyone available who matches {@code filters} (ADR 0054): the best of the routing ranking who is
     * still available rings; when nobody can be, the member waits in the queue of their language. Asking again with
     * the same {@code callId} answers the same call, or the same place in the queue.
     */
    Routed requestAnyone(Actor member, String callId, CallKind kind, RoutingFilters filters);

    CallStatus accept(Actor companion, String callId);

    CallStatus decline(Actor companion, String callId);

    CallStatus cancel(Actor member, String callId);

    /** A participant hangs up (while ringing: the member cancels, the companion declines); staff end the call. */
    CallStatus hangUp(Actor actor, String callId);

    /**
     * A participant's heartbeat (every 10 s while in the call). Costs no database write on a connected call; the
     * first heartbeat after the accept counts as joining the media room.
     */
    void heartbeat(Actor participant, String callId);

    /** Fresh room credentials for a participant of an accepted or connected call (for example to rejoin). */
    MediaAccess media(Actor participant, String callId);
}
