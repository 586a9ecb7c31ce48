package app.hearth.domain.calls;

import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.shared.EventRevision;
import java.time.Instant;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * What happened to a call. The {@link DomainEvent} names are the stored event type names ({@code call.*}): they
 * never change when a class moves or is renamed. A call has at most one {@link CallEnded}, and nothing after it.
 */
public sealed interface CallEvent {

    String callId();

    /** When the event was decided (the command's time). */
    Instant at();

    /**
     * A member called a companion; {@code firstCoverSeconds} is how much call their first hold covers (null in
     * events recorded before it was known: the whole {@link CallDecider#FIRST_HOLD}).
     */
    @DomainEvent(namespace = "call", name = "CallRequested")
    record CallRequested(String callId, String memberId, String companionId, CallKind kind, Long firstCoverSeconds,
                         Instant at) implements CallEvent {

        public CallRequested(String callId, String memberId, String companionId, CallKind kind, Instant at) {
            this(callId, memberId, companionId, kind, CallDecider.FIRST_HOLD.toSeconds(), at);
        }

        /** How much call the first hold covers. */
        public long firstCover() {
            return firstCoverSeconds == null ? CallDecider.FIRST_HOLD.toSeconds() : firstCoverSeconds;
        }
    }

    @DomainEvent(namespace = "call", name = "CallAccepted")
    record CallAccepted(String callId, String companionId, Instant at) implements CallEvent {
    }

    @DomainEvent(namespace = "call", name = "ParticipantJoined")
    record ParticipantJoined(String callId, String participantId, Side side, Instant at) implements CallEvent {
    }

    /**
     * Both participants are in the media room: the call is connected at {@code connectedAt}, both sides count as
     * present then, and the first hold covers it until {@code coveredUntil} (2 minutes, or less when the balance
     * held less: a {@link CoverageNotExtended} then follows at once).
     */
    @DomainEvent(namespace = "call", name = "CallConnected")
    record CallConnected(String callId, Instant connectedAt, Instant coveredUntil, Instant at) implements CallEvent {
    }

    /**
     * The latest moments each side is proven alive moved forward; {@code bothUntil} is the earlier of the two: the
     * last moment both sides were proven present, where billing would stop.
     */
    @DomainEvent(namespace = "call", name = "PresenceProven")
    record PresenceProven(String callId, Instant memberSeenAt, Instant companionSeenAt, Instant bothUntil,
                          Instant at) implements CallEvent {
    }

    /** The hold covers the call until {@code coveredUntil}; a running-out balance was topped up, if it was. */
    @DomainEvent(namespace = "call", name = "CoverageExtended")
    record CoverageExtended(String callId, Instant coveredUntil, Instant at) implements CallEvent {
    }

    /** The hold could not be extended: the call is covered until {@code coveredUntil} and no further. */
    @DomainEvent(namespace = "call", name = "CoverageNotExtended")
    record CoverageNotExtended(String callId, Instant coveredUntil, Instant at) implements CallEvent {
    }

    /** The member is told the call ends for balance at {@code endsAt}, {@code secondsLeft} (120 or 30) before. */
    @DomainEvent(namespace = "call", name = "BalanceWarning")
    record BalanceWarning(String callId, int secondsLeft, Instant endsAt, Instant at) implements CallEvent {
    }

    /**
     * The call ended, once, with its billing verdict (ADR 0030): {@code chargeable}, {@code billableSeconds} and
     * {@code startedMinutes} are the {@link CallVerdict} the call judged; the wallet's capture and the companion's
     * credit take it and judge nothing again. For a call that never connected, {@code connectedAt} and
     * {@code billableUntil} are null and the numbers are 0.
     *
     * @param endedBy          the participant who hung up, declined or cancelled, the staff id, or null for a deadline
     * @param endedAt          when the call ended by the rules: the command's time, or the due time of the deadline
     *                         that ended it (for {@link EndReason#CONNECTION_LOST}: the last moment both sides were
     *                         proven present)
     * @param billableUntil    the last billable moment: the last moment both sides were proven present, capped at the
     *                         covered time
     * @param connectedSeconds whole seconds from {@code connectedAt} to {@code endedAt}
     * @param billableSeconds  whole seconds from {@code connectedAt} to {@code billableUntil}; 0 when not chargeable
     * @param chargeable       connected for at least 60 s (a shorter call is not charged)
     * @param startedMinutes   {@code ceil(billableSeconds / 60)}, 0 when not chargeable; null in events stored before
     *                         the verdict carried it (read through {@link #verdict()}, which derives it by the same
     *                         rule); revision 2 always carries it, and revision 1 is upcast to it when read (ADR 0039)
     */
    @DomainEvent(namespace = "call", name = "CallEnded")
    @EventRevision(2)
    record CallEnded(String callId, String memberId, String companionId, CallKind kind, EndReason reason,
                     String endedBy, Instant connectedAt, Instant endedAt, Instant billableUntil,
                     long connectedSeconds, long billableSeconds, boolean chargeable, Long startedMinutes,
                     Instant at) implements CallEvent {

        /** A call that ended with {@code verdict}. */
        public CallEnded(String callId, String memberId, String companionId, CallKind kind, EndReason reason,
                         String endedBy, Instant connectedAt, Instant endedAt, Instant billableUntil,
                         long connectedSeconds, CallVerdict verdict, Instant at) {
            this(callId, memberId, companionId, kind, reason, endedBy, connectedAt, endedAt, billableUntil,
                    connectedSeconds, verdict.billableSeconds(), verdict.chargeable(), verdict.startedMinutes(), at);
        }

        /** Connected, and ended by a hang-up or {@link EndReason#BALANCE_EXHAUSTED}. */
        public boolean completed() {
            return connectedAt != null && reason.completesAConnectedCall();
        }

        /** What this call is billed for: the member's charge and the companion's credit both take it. */
        public CallVerdict verdict() {
            if (!chargeable) {
                return CallVerdict.NOTHING;
            }
            CallVerdict verdict = CallVerdict.chargeable(billableSeconds);
            if (startedMinutes != null && startedMinutes != verdict.startedMinutes()) {
                throw new IllegalStateException("call " + callId + " ended with " + startedMinutes
                        + " started minutes for " + billableSeconds + " billable seconds");
            }
            return verdict;
        }
    }
}
