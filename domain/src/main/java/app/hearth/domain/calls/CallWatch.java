package app.hearth.domain.calls;

import app.hearth.domain.calls.CallSession.Connected;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the watchdog must look at a call again, and how much time the member's hold should cover (ADR 0022, ADR 0026).
 *
 * <p>A connected call is checked once a minute, on the minute of its connected time: the checkpoint proves the
 * presence the heartbeats showed, extends the hold by a minute (so that it covers the next two) and fires whatever is
 * due. Between checkpoints heartbeats live only in memory, and the node that holds them ends a silent call once its
 * {@link CallTimeouts#lostAfter()} has passed, without waiting. The persistent wake-up therefore never needs the
 * heartbeat-loss time itself: when every node was down and the heartbeats are gone, the first checkpoint once the
 * loss is due finds it and ends the call at its last proven moment. Ringing and accepted calls
 * wake at their ring or join timeout.
 */
public final class CallWatch {

    /** How often a connected call is checkpointed: presence proven, hold extended, deadlines fired. */
    public static final Duration CHECKPOINT = Duration.ofMinutes(1);

    private CallWatch() {
    }

    /**
     * The next moment the watchdog must wake {@code state} up, seen at {@code at}: the earliest of its ring, join,
     * balance or warning deadline and, while connected, the next checkpoint. Empty once the call has ended.
     */
    public static Optional<Instant> nextWakeUp(CallSession state, Instant at, CallTimeouts timeouts) {
        if (!(state instanceof Connected connected)) {
            return CallDecider.nextDeadlines(state, timeouts).stream().map(Deadline::due).findFirst();
        }
        Instant wake = nextCheckpoint(connected, at);
        for (Deadline deadline : CallDecider.nextDeadlines(connected, timeouts)) {
            if (deadline.kind() != DeadlineKind.HEARTBEAT_LOSS && deadline.due().isBefore(wake)) {
                wake = deadline.due();
            }
        }
        return Optional.of(wake);
    }

    /**
     * The latest moment the rules let {@code state} go on without ending, judged from its stored facts alone (what a
     * read model sees: presence is proven in the events once a {@link #CHECKPOINT}): a ringing call ends at its ring
     * deadline, an accepted one at its join deadline, a connected one at the earlier of its balance deadline and its
     * heartbeat-loss deadline one checkpoint after its last stored proof (the heartbeats in memory may have moved that
     * proof up to a checkpoint further). Empty once the call has ended. The deadlines are the decider's own
     * ({@link CallDecider#nextDeadlines}): a call past this moment is an orphan (ADR 0023).
     */
    public static Optional<Instant> mustEndBy(CallSession state, CallTimeouts timeouts) {
        Optional<Instant> latest = Optional.empty();
        for (Deadline deadline : CallDecider.nextDeadlines(state, timeouts)) {
            Instant due = switch (deadline.kind()) {
                case RING, JOIN, BALANCE -> deadline.due();
                case HEARTBEAT_LOSS -> deadline.due().plus(CHECKPOINT);
                case BALANCE_WARNING -> null;
            };
            if (due != null && (latest.isEmpty() || due.isBefore(latest.get()))) {
                latest = Optional.of(due);
            }
        }
        return latest;
    }

    /** The whole minutes of connected time at {@code at} (0 during the first minute). */
    public static long minute(Connected state, Instant at) {
        Duration connected = Duration.between(state.connectedAt(), at);
        return connected.isNegative() ? 0 : connected.toSeconds() / CHECKPOINT.toSeconds();
    }

    /** The first checkpoint after {@code at}: the next whole minute of connected time. */
    public static Instant nextCheckpoint(Connected state, Instant at) {
        return state.connectedAt().plus(CHECKPOINT.multipliedBy(minute(state, at) + 1));
    }

    /**
     * The seconds of call the hold should cover at {@code at}, counted from the connect: the minutes connected so far
     * plus the two ahead ({@link CallDecider#FIRST_HOLD} at the connect, one more each minute).
     */
    public static long coverageTarget(Connected state, Instant at) {
        return CallDecider.FIRST_HOLD.toSeconds() + minute(state, at) * CHECKPOINT.toSeconds();
    }

    /** The seconds the hold must still add to reach {@link #coverageTarget}, 0 when it reaches it already. */
    public static long coverageMissing(Connected state, Instant at) {
        long covered = Duration.between(state.connectedAt(), state.coveredUntil()).toSeconds();
        return Math.max(0, coverageTarget(state, at) - covered);
    }
}
