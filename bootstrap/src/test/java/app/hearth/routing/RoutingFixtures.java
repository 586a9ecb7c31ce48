package app.hearth.routing;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** The one way routing tests make a companion available or not until presence is written by its own feature. */
public final class RoutingFixtures {

    private RoutingFixtures() {
    }

    /** {@code companionId}'s presence is AVAILABLE since {@code since}. */
    public static void makeAvailable(JdbcTemplate jdbc, String companionId, Instant since) {
        // after presence merge: use the presence fixture (shift + foreground WebSocket)
        setPresence(jdbc, companionId, "AVAILABLE", since);
    }

    /** {@code companionId}'s presence is OFFLINE (so that later tests' routing does not find them). */
    public static void makeOffline(JdbcTemplate jdbc, String companionId, Instant since) {
        // after presence merge: use the presence fixture (stop the shift)
        setPresence(jdbc, companionId, "OFFLINE", since);
    }

    private static void setPresence(JdbcTemplate jdbc, String companionId, String state, Instant since) {
        jdbc.update("""
                INSERT INTO companion_presence (companion_id, state, state_since, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (companion_id) DO UPDATE SET state = EXCLUDED.state, state_since = EXCLUDED.state_since,
                    updated_at = EXCLUDED.updated_at""", companionId, state, Timestamp.from(since),
                Timestamp.from(since));
    }
}
