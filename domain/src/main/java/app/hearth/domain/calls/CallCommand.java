package app.hearth.domain.calls;

import static app.hearth.domain.shared.RuleViolation.require;
import static app.hearth.domain.shared.RuleViolation.requireText;

import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;

/**
 * What can be asked of a call. Every command names the call by {@link #callId()} and carries the time it is
 * decided at ({@link #at()}); the decider reads no clock. Commands validate themselves: a command that exists is
 * well-formed. Participants are named by their user ids; {@link CallDecider} checks they belong to the call.
 */
public sealed interface CallCommand {

    String callId();

    Instant at();

    /**
     * A member calls a companion. The same request twice has the effect of once. {@code firstCoverSeconds} is how
     * much call the member's hold (placed before it rings) covers: 60 s to {@link CallDecider#FIRST_HOLD}.
     */
    record RequestCall(String callId, String memberId, String companionId, CallKind kind, long firstCoverSeconds,
                       Instant at) implements CallCommand {

        /** A request whose hold covers the whole first two minutes. */
        public RequestCall(String callId, String memberId, String companionId, CallKind kind, Instant at) {
            this(callId, memberId, companionId, kind, CallDecider.FIRST_HOLD.toSeconds(), at);
        }

        public RequestCall {
            if (firstCoverSeconds < CallDecider.SHORT_CALL.toSeconds()) {
                throw RuleViolation.invalid("FIRST_COVER_INVALID", "firstCoverSeconds",
                        "a call starts with at least one billable minute held");
            }
            firstCoverSeconds = Math.min(firstCoverSeconds, CallDecider.FIRST_HOLD.toSeconds());
            requireText(callId, "callId");
            requireText(memberId, "memberId");
            requireText(companionId, "companionId");
            require(kind, "kind");
            require(at, "at");
            if (memberId.equals(companionId)) {
                throw RuleViolation.invalid(CallDecider.SAME_PARTICIPANT, "companionId",
                        "a member cannot call themselves");
            }
        }
    }

    /** The companion answers. */
    record AcceptCall(String callId, String companionId, Instant at) implements CallCommand {
        public AcceptCall {
            requireText(callId, "callId");
            requireText(companionId, "companionId");
            require(at, "at");
        }
    }

    /** The companion refuses while it rings. */
    record DeclineCall(String callId, String companionId, Instant at) implements CallCommand {
        public DeclineCall {
            requireText(callId, "callId");
            requireText(companionId, "companionId");
            require(at, "at");
        }
    }

    /** The member gives up while it rings. */
    record CancelCall(String callId, String memberId, Instant at) implements CallCommand {
        public CancelCall {
            requireText(callId, "callId");
            requireText(memberId, "memberId");
            require(at, "at");
        }
    }

    /**
     * A participant hangs up (app button, or a media-provider "participant left" webhook). While ringing, the member
     * hanging up cancels and the companion hanging up declines.
     */
    record HangUp(String callId, String participantId, Instant at) implements CallCommand {
        public HangUp {
            requireText(callId, "callId");
            requireText(participantId, "participantId");
            require(at, "at");
        }
    }

    /** A participant joined the media room (or rejoined it, which proves they are present). */
    record JoinRoom(String callId, String participantId, Instant at) implements CallCommand {
        public JoinRoom {
            requireText(callId, "callId");
            requireText(participantId, "participantId");
            require(at, "at");
        }
    }

    /**
     * A liveness checkpoint: the latest moments each side was proven alive (a heartbeat, a media event). Either may
     * be null when nothing new is known of that side, not both. Moments after {@code at} count as {@code at};
     * moments older than what the call knows change nothing; before the connect a proof changes nothing.
     */
    record ProvePresence(String callId, Instant memberSeenAt, Instant companionSeenAt, Instant at)
            implements CallCommand {
        public ProvePresence {
            requireText(callId, "callId");
            require(at, "at");
            if (memberSeenAt == null && companionSeenAt == null) {
                throw RuleViolation.invalid("FIELD_REQUIRED", "memberSeenAt",
                        "a presence proof names at least one side");
            }
        }
    }

    /** The member's hold was extended: their balance covers the call until {@code coveredUntil}. */
    record ExtendCoverage(String callId, Instant coveredUntil, Instant at) implements CallCommand {
        public ExtendCoverage {
            requireText(callId, "callId");
            require(coveredUntil, "coveredUntil");
            require(at, "at");
        }
    }

    /**
     * The member's hold could not be extended (the balance ran out): it covers the call until {@code coveredUntil}
     * and no further. Warnings follow, then the call ends as {@link EndReason#BALANCE_EXHAUSTED}.
     */
    record CoverageNotExtended(String callId, Instant coveredUntil, Instant at) implements CallCommand {
        public CoverageNotExtended {
            requireText(callId, "callId");
            require(coveredUntil, "coveredUntil");
            require(at, "at");
        }
    }

    /**
     * A deadline from {@link CallDecider#nextDeadlines} fired. Whatever the kind, the call ends by the deadline that
     * is due at {@code at} (if any) and due warnings are given; a stale or early deadline does nothing.
     */
    record Expire(String callId, DeadlineKind kind, Instant at) implements CallCommand {
        public Expire {
            requireText(callId, "callId");
            require(kind, "kind");
            require(at, "at");
        }
    }

    /** A staff member ends the call, in any state before its end. */
    record EndByStaff(String callId, String staffId, Instant at) implements CallCommand {
        public EndByStaff {
            requireText(callId, "callId");
            requireText(staffId, "staffId");
            require(at, "at");
        }
    }
}
