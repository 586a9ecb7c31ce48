package app.hearth.domain.calls;

import app.hearth.domain.money.wallet.CallVerdict;
import java.time.Instant;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

/** The state of one call, as a sum type: not requested, ringing, accepted, connected or ended. */
public sealed interface CallSession {

    CallSession NOT_REQUESTED = new NotRequested();

    /** Nothing is known of this call id. */
    record NotRequested() implements CallSession {
    }

    /** The companion's device rings since {@code requestedAt}. */
    @AggregateRoot
    record Ringing(@Identity String callId, CallSetup setup, Instant requestedAt) implements CallSession {
    }

    /** The companion answered; the participants are joining the media room. */
    @AggregateRoot
    record Accepted(@Identity String callId, CallSetup setup, Instant requestedAt, Instant acceptedAt,
                    boolean memberJoined, boolean companionJoined) implements CallSession {

        public boolean joined(Side side) {
            return side == Side.MEMBER ? memberJoined : companionJoined;
        }
    }

    /**
     * Both participants are in the room since {@code connectedAt}.
     *
     * @param memberSeenAt    the latest moment the member was proven present
     * @param companionSeenAt the latest moment the companion was proven present
     * @param coveredUntil    the member's hold covers the call until then
     * @param coverageFailing the hold could not be extended past {@code coveredUntil}: warnings, then the end
     * @param warnedDownTo    the smallest warning (seconds left) given for the current coverage, 0 for none
     */
    @AggregateRoot
    record Connected(@Identity String callId, CallSetup setup, Instant requestedAt, Instant acceptedAt,
                     Instant connectedAt, Instant memberSeenAt, Instant companionSeenAt, Instant coveredUntil,
                     boolean coverageFailing, int warnedDownTo) implements CallSession {

        /** The last moment both sides were proven present. */
        public Instant bothUntil() {
            return memberSeenAt.isBefore(companionSeenAt) ? memberSeenAt : companionSeenAt;
        }

        public Instant seenAt(Side side) {
            return side == Side.MEMBER ? memberSeenAt : companionSeenAt;
        }
    }

    /**
     * The call is over; see {@link CallEvent.CallEnded} for the fields. {@code acceptedAt} and {@code connectedAt}
     * are null when the call never got that far.
     */
    @AggregateRoot
    record Ended(@Identity String callId, CallSetup setup, Instant requestedAt, Instant acceptedAt,
                 Instant connectedAt, EndReason reason, String endedBy, Instant endedAt, Instant billableUntil,
                 long connectedSeconds, CallVerdict verdict) implements CallSession {

        public long billableSeconds() {
            return verdict.billableSeconds();
        }

        public boolean chargeable() {
            return verdict.chargeable();
        }

        /** Connected, and ended by a hang-up or {@link EndReason#BALANCE_EXHAUSTED}. */
        public boolean completed() {
            return connectedAt != null && reason.completesAConnectedCall();
        }
    }
}
