package app.hearth.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waits for event processors to reach the head of the event store. */
public final class Projections {

    private Projections() {
    }

    /**
     * Blocks until every segment of {@code processor} has processed (or dead-lettered) every stored event. A token
     * written during a replay (a replay token) counts by the position its replay has reached.
     */
    public static void awaitCaughtUp(JdbcTemplate jdbc, String processor) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> caughtUp(jdbc, processor));
    }

    /** Whether every segment of {@code processor} has processed (or dead-lettered) every stored event. */
    public static boolean caughtUp(JdbcTemplate jdbc, String processor) {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        Long slowest = jdbc.queryForObject("select min(coalesce((t ->> 'index')::bigint,"
                + " (t -> 'currentToken' ->> 'index')::bigint, -1)) from (select convert_from(token, 'UTF8')::jsonb"
                + " as t from token_entry where processor_name = ?) tokens", Long.class, processor);
        return slowest != null && head != null && slowest >= head;
    }
}
