package app.hearth.domain.calls;

import java.time.Duration;
import java.time.Instant;

/**
 * How a participant looks from their heartbeats (one every 10 s): alive, reconnecting after 20 s of silence, lost
 * after 45 s (the call then ends as {@link EndReason#CONNECTION_LOST}).
 */
public enum Liveness {
    ALIVE, RECONNECTING, LOST;

    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration RECONNECTING_AFTER = Duration.ofSeconds(20);
    public static final Duration LOST_AFTER = Duration.ofSeconds(45);

    /** The liveness at {@code now} of a participant last proven alive at {@code lastSeen}. */
    public static Liveness of(Instant lastSeen, Instant now) {
        Duration silent = Duration.between(lastSeen, now);
        if (silent.compareTo(LOST_AFTER) >= 0) {
            return LOST;
        }
        return silent.compareTo(RECONNECTING_AFTER) >= 0 ? RECONNECTING : ALIVE;
    }
}
