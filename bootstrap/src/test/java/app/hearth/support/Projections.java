package app.hearth.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waits for event processors to reach the head of the event store. */
public final class Projections {

    private Projections() {
    }

    /** Blocks until every segment of {@code processor} has processed every stored event. */
    public static void awaitCaughtUp(JdbcTemplate jdbc, String processor) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry",
                    Long.class);
            Long slowest = jdbc.queryForObject("select min(coalesce((convert_from(token, 'UTF8')::jsonb->>'index')"
                    + "::bigint, -1)) from token_entry where processor_name = ?", Long.class, processor);
            return slowest != null && head != null && slowest >= head;
        });
    }
}
