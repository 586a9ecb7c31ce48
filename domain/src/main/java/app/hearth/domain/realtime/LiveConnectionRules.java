package app.hearth.domain.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * When a user counts as connected across nodes (adr/0049). Each node records which users hold a connection on it and
 * refreshes a heartbeat of its own every {@link #HEARTBEAT_EVERY}; a node whose heartbeat is older than
 * {@link #GONE_AFTER} (it crashed, or lost the database) counts as gone, with every connection it recorded. Its
 * rows are deleted once it has been gone for {@link #FORGOTTEN_AFTER}. Times are the database's, so the nodes'
 * clocks never disagree about them.
 */
public final class LiveConnectionRules {

    /** How often a node refreshes its heartbeat. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);
    /** A node not heard of for this long is gone, and so are the connections it recorded. */
    public static final Duration GONE_AFTER = Duration.ofSeconds(60);
    /** A node gone for this long is deleted with its rows. */
    public static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    private LiveConnectionRules() {
    }

    /** Whether a node whose last heartbeat was at {@code heartbeatAt} still counts at {@code now}. */
    public static boolean alive(Instant heartbeatAt, Instant now) {
        return heartbeatAt != null && now.isBefore(heartbeatAt.plus(GONE_AFTER));
    }

    /** Whether a user recorded on nodes last heard of at {@code heartbeats} is connected at {@code now}. */
    public static boolean connected(Collection<Instant> heartbeats, Instant now) {
        return heartbeats.stream().anyMatch(heartbeat -> alive(heartbeat, now));
    }
}
