package app.hearth.application.calls;

import app.hearth.application.media.MediaAccess;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.calls.Side;
import java.time.Instant;

/**
 * What a participant's app is told about a call in real time (over the WebSocket). {@link #type()} is the stable
 * name the client switches on; the records' fields are the JSON fields.
 */
public sealed interface CallSignal {

    String callId();

    /** The stable signal name: incoming, accepted, declined, reconnecting, balance_warning, ended. */
    String type();

    /** To the companion: a member calls; it rings until {@code ringsUntil}. */
    record Incoming(String callId, String memberId, String callerDisplayName, String kind, Instant ringsUntil)
            implements CallSignal {
        public String type() {
            return "incoming";
        }
    }

    /** To both: the companion answered; {@code media} is the receiver's own room credentials (null if none). */
    record Accepted(String callId, Instant acceptedAt, MediaAccess media) implements CallSignal {
        public String type() {
            return "accepted";
        }
    }

    /** To the member: the companion declined. */
    record Declined(String callId, Instant at) implements CallSignal {
        public String type() {
            return "declined";
        }
    }

    /** To both: {@code silentSide} has not been heard of since {@code lastSeenAt} (20 s or more). */
    record Reconnecting(String callId, Side silentSide, Instant lastSeenAt) implements CallSignal {
        public String type() {
            return "reconnecting";
        }
    }

    /** To the member: the balance ends the call at {@code endsAt}, {@code secondsLeft} (120 or 30) from now. */
    record BalanceWarning(String callId, int secondsLeft, Instant endsAt) implements CallSignal {
        public String type() {
            return "balance_warning";
        }
    }

    /** To both: the call is over. */
    record Ended(String callId, EndReason reason, Instant endedAt, long billableSeconds) implements CallSignal {
        public String type() {
            return "ended";
        }
    }
}
