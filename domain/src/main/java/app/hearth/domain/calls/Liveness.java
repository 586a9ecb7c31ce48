package app.hearth.domain.calls;

import java.time.Duration;

/**
 * How a participant looks from their heartbeats (one every {@link #HEARTBEAT_INTERVAL}): alive, reconnecting after
 * a silence of {@link CallTimeouts#reconnectingAfter()}, lost after {@link CallTimeouts#lostAfter()} (the call then
 * ends as {@link EndReason#CONNECTION_LOST}); see {@link CallTimeouts#liveness}.
 */
public enum Liveness {
    ALIVE, RECONNECTING, LOST;

    /** How often each participant's client sends a heartbeat. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
}
