package app.hearth.application.calls;

import app.hearth.application.deadlines.DeadlineHandler;
import app.hearth.application.money.metering.Metering;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.CallSession.NotRequested;
import app.hearth.domain.calls.CallWatch;
import app.hearth.domain.calls.DeadlineKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The watchdog's checkpoint of a call (the deadline handler of kind {@value CallsService#DEADLINE_KIND}): proves the
 * presence the heartbeats showed, extends the member's hold to cover the next two minutes once a minute, and ends the
 * call by whatever deadline is due, all in one transaction with the call's wake-up locked.
 */
public class CallCheckpoints implements DeadlineHandler {

    private final CallChanges changes;
    private final Metering metering;
    private final Clock clock;

    public CallCheckpoints(CallChanges changes, Metering metering, Clock clock) {
        this.changes = changes;
        this.metering = metering;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return CallsService.DEADLINE_KIND;
    }

    /** The persistent wake-up of a call is due: a checkpoint (already in the deadline store's transaction). */
    @Override
    public Optional<Instant> fire(String callId, Instant due, Instant now) {
        return CallWatch.nextWakeUp(checkpointInTransaction(callId, now), now, changes.timeouts());
    }

    /**
     * Looks at a call now, as the watchdog does: proves the presence the heartbeats showed, extends the member's hold
     * to cover the next two minutes, and ends the call by whatever deadline is due. Returns the state after it.
     */
    public CallSession checkpoint(String callId) {
        Instant now = clock.instant();
        return changes.onCall(callId, () -> checkpointInTransaction(callId, now));
    }

    /** Forgets cached calls that ended (the watchdog calls this now and then; memory stays bounded). */
    public void forgetEnded() {
        changes.forgetEnded();
    }

    private CallSession checkpointInTransaction(String callId, Instant now) {
        CallSession state = changes.state(callId);
        switch (state) {
            case NotRequested ignored -> {
                return state;
            }
            case Ended ended -> {
                return changes.settle(ended, now);
            }
            case Connected connected -> {
                state = changes.proveFromBoard(callId, now).orElse(connected);
                if (state instanceof Connected c) {
                    state = extendCoverage(c, now);
                }
            }
            default -> { }
        }
        DeadlineKind kind = CallDecider.nextDeadlines(state, changes.timeouts()).stream().findFirst()
                .map(d -> d.kind()).orElse(DeadlineKind.HEARTBEAT_LOSS);
        return changes.settle(changes.send(new CallCommand.Expire(callId, kind, now)), now);
    }

    /**
     * Extends the hold of a connected call so it covers the next two minutes, and records how far it covers. Once a
     * minute (the extension id names the minute): a repeated checkpoint within the minute changes nothing.
     */
    private CallSession extendCoverage(Connected call, Instant now) {
        long missing = call.coverageFailing() ? CallWatch.CHECKPOINT.toSeconds() : CallWatch.coverageMissing(call, now);
        long minute = CallWatch.minute(call, now);
        if (missing == 0 || minute == 0) {
            return call;
        }
        String member = call.setup().memberId();
        String hold = CallsService.holdId(call.callId());
        var extended = metering.extendHold(member, hold, hold + ":minute:" + minute, missing, now);
        Instant coveredUntil = call.connectedAt().plusSeconds(extended.coveredSeconds());
        if (extended.coveredSeconds() >= CallWatch.coverageTarget(call, now)) {
            return changes.send(new CallCommand.ExtendCoverage(call.callId(), coveredUntil, now));
        }
        return changes.send(new CallCommand.CoverageNotExtended(call.callId(), coveredUntil, now));
    }
}
