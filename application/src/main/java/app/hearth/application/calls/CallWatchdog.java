package app.hearth.application.calls;

import app.hearth.application.deadlines.Deadlines;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.Side;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live half of the watchdog (ADR 0022, ADR 0026), run every second on every node. From the liveness board it ends
 * a connected call whose side has been silent for 45 s at once (the persistent wake-up would only find it at the next
 * minute) and tells both participants when a side has been silent for 20 s ("reconnecting"). Every
 * {@link #RECONCILE_EVERY} it reconciles: an unfinished call with no persistent wake-up (which should not happen) is
 * checkpointed, which ends it if it is overdue and gives it its wake-up again.
 */
public class CallWatchdog {

    private static final System.Logger log = System.getLogger(CallWatchdog.class.getName());
    public static final Duration RECONCILE_EVERY = Duration.ofSeconds(30);

    private final CallQueries queries;
    private final LivenessBoard board;
    private final CallCheckpoints calls;
    private final Deadlines deadlines;
    private final CallSignals signals;
    private final Clock clock;
    private final CallTimeouts timeouts;
    /** The silent moment each call's "reconnecting" was signalled for: once per silence. */
    private final Map<String, Instant> reconnecting = new ConcurrentHashMap<>();
    private volatile Instant lastReconciliation = Instant.EPOCH;

    public CallWatchdog(CallQueries queries, LivenessBoard board, CallCheckpoints calls, Deadlines deadlines,
                        CallSignals signals, Clock clock, CallTimeouts timeouts) {
        this.queries = queries;
        this.board = board;
        this.calls = calls;
        this.deadlines = deadlines;
        this.signals = signals;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    /** One pass; returns how many calls it ended or repaired. */
    public int tick() {
        Instant now = clock.instant();
        boolean reconcile = !now.isBefore(lastReconciliation.plus(RECONCILE_EVERY));
        int acted = 0;
        Set<String> live = new HashSet<>();
        List<CallQueries.CallView> liveCalls = queries.live();
        // one question for every live call, not one per call: which have their wake-up
        Set<String> scheduled = reconcile
                ? deadlines.scheduled(CallsService.DEADLINE_KIND, liveCalls.stream().map(CallQueries.CallView::callId)
                        .toList())
                : Set.of();
        for (CallQueries.CallView call : liveCalls) {
            live.add(call.callId());
            try {
                if (reconcile && !scheduled.contains(call.callId())) {
                    log.log(System.Logger.Level.WARNING, "call {0} ({1}) had no wake-up; reconciling it",
                            call.callId(), call.state());
                    calls.checkpoint(call.callId());
                    acted++;
                } else if ("connected".equals(call.state()) && watchLiveness(call, now)) {
                    acted++;
                }
            } catch (RuntimeException failure) {
                log.log(System.Logger.Level.WARNING, "watchdog could not look at call {0}: {1}", call.callId(),
                        failure.toString());
            }
        }
        reconnecting.keySet().retainAll(live);
        if (reconcile) {
            lastReconciliation = now;
            calls.forgetEnded();
        }
        return acted;
    }

    /** Ends the call when the board shows a side lost; signals "reconnecting" once per silence. */
    private boolean watchLiveness(CallQueries.CallView call, Instant now) {
        var seen = board.seen(call.callId()).orElse(null);
        if (seen == null) {
            return false; // nothing in memory (a restart): the persistent wake-up decides from the proven moments
        }
        Instant member = seen.memberSeenAt() == null ? call.connectedAt() : seen.memberSeenAt();
        Instant companion = seen.companionSeenAt() == null ? call.connectedAt() : seen.companionSeenAt();
        Side silent = member.isBefore(companion) ? Side.MEMBER : Side.COMPANION;
        Instant lastSeen = silent == Side.MEMBER ? member : companion;
        switch (timeouts.liveness(lastSeen, now)) {
            case LOST -> {
                log.log(System.Logger.Level.INFO, "call {0}: the {1} was last seen {2}; ending it", call.callId(),
                        silent.name().toLowerCase(), lastSeen);
                calls.checkpoint(call.callId());
                return true;
            }
            case RECONNECTING -> {
                if (!lastSeen.equals(reconnecting.put(call.callId(), lastSeen))) {
                    var signal = new CallSignal.Reconnecting(call.callId(), silent, lastSeen);
                    signals.send(call.memberId(), signal);
                    signals.send(call.companionId(), signal);
                }
                return false;
            }
            case ALIVE -> {
                reconnecting.remove(call.callId());
                return false;
            }
        }
        return false;
    }
}
