package app.hearth.domain.calls;

import java.time.Duration;
import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * How long a call waits for each thing before it ends without anyone hanging up (semantics.md "Calls"; these are
 * configuration, {@link #DEFAULTS} are the numbers of the rules): {@code ring} for an answer ({@link
 * EndReason#MISSED}), {@code join} for both participants in the media room after the accept ({@link
 * EndReason#FAILED}), and a side's silence: {@code reconnectingAfter} until both are told it is reconnecting,
 * {@code lostAfter} until the call ends as {@link EndReason#CONNECTION_LOST}.
 *
 * <p>None of them moves money: billing stops at the last moment both sides were proven present, whenever the loss is
 * noticed, and the numbers that do shape a bill (the 60 s short call, the two-minute hold, the warnings) stay fixed
 * rules that the calls and the wallet share (ADR 0029).
 */
@ValueObject
public record CallTimeouts(Duration ring, Duration join, Duration reconnectingAfter, Duration lostAfter) {

    /** The rules' numbers: 45 s of ringing, 30 s to join, reconnecting after 20 s of silence, lost after 45 s. */
    public static final CallTimeouts DEFAULTS = new CallTimeouts(Duration.ofSeconds(45), Duration.ofSeconds(30),
            Duration.ofSeconds(20), Duration.ofSeconds(45));

    public CallTimeouts {
        positive(ring, "ring");
        positive(join, "join");
        positive(reconnectingAfter, "reconnectingAfter");
        positive(lostAfter, "lostAfter");
        if (reconnectingAfter.compareTo(Liveness.HEARTBEAT_INTERVAL) <= 0) {
            throw new IllegalArgumentException("reconnectingAfter (" + reconnectingAfter + ") must be longer than "
                    + "the heartbeat interval (" + Liveness.HEARTBEAT_INTERVAL + "), or every side on time would "
                    + "look as if it were reconnecting");
        }
        if (lostAfter.compareTo(reconnectingAfter) <= 0) {
            throw new IllegalArgumentException("lostAfter (" + lostAfter + ") must be longer than reconnectingAfter ("
                    + reconnectingAfter + ")");
        }
    }

    /** How a participant last proven alive at {@code lastSeen} looks at {@code now}. */
    public Liveness liveness(Instant lastSeen, Instant now) {
        Duration silent = Duration.between(lastSeen, now);
        if (silent.compareTo(lostAfter) >= 0) {
            return Liveness.LOST;
        }
        return silent.compareTo(reconnectingAfter) >= 0 ? Liveness.RECONNECTING : Liveness.ALIVE;
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }
}
