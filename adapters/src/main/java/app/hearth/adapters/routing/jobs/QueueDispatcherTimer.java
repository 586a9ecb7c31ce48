package app.hearth.adapters.routing.jobs;

import app.hearth.adapters.shared.jobs.RepeatingPass;
import app.hearth.application.calls.CallRouting;
import java.time.Duration;

/**
 * Runs the queue's dispatcher ({@link CallRouting#dispatchExclusively}) on one daemon thread every {@code interval}:
 * a pass costs one indexed existence check while nobody waits; while members wait, the node that holds the
 * dispatch lock offers them the companions who became available (ADR 0054; no notification per write).
 */
public class QueueDispatcherTimer extends RepeatingPass {

    public QueueDispatcherTimer(CallRouting routing, Duration interval) {
        super("queue-dispatcher", routing::dispatchExclusively, interval);
    }
}
