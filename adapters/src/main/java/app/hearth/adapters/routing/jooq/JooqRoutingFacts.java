package app.hearth.adapters.routing.jooq;

import app.hearth.application.routing.RoutingFacts;
import app.hearth.domain.routing.RoutingCandidate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/**
 * The available companions in two statements: every active companion whose {@code companion_presence} is
 * {@code AVAILABLE}, who speaks one of the member's languages and holds no call line, joined to their
 * member-independent facts aggregated once per statement (today's connected seconds and the last call end from the
 * calls requested since the start of the UTC day or in the last 24 hours, whichever is earlier; the members routing
 * offered them in the last hour); then the member's own calls and conversations of the last 30 days (their history
 * indexes), merged in memory. A call that ended more than a day ago no longer counts for idleness: the presence's
 * {@code state_since} does.
 */
@Component
public class JooqRoutingFacts implements RoutingFacts {

    static final Duration CONTINUITY = Duration.ofDays(30);
    static final Duration FAIRNESS_WINDOW = Duration.ofHours(1);

    private static final String AVAILABLE = """
            SELECT c.companion_id, c.languages, c.skills, c.gender, p.state_since,
                   coalesce(today.connected, 0) AS connected_today, today.last_end AS last_call_end,
                   coalesce(offered.members, 0) AS new_members
              FROM companion_presence p JOIN companion c ON c.companion_id = p.companion_id
              LEFT JOIN (SELECT v.companion_id,
                                sum(v.connected_seconds) FILTER (WHERE v.requested_at >= ?::timestamptz) AS connected,
                                max(v.ended_at) AS last_end
                           FROM call_view v WHERE v.requested_at >= ?::timestamptz
                          GROUP BY v.companion_id) today ON today.companion_id = c.companion_id
              LEFT JOIN (SELECT d.chosen_companion_id, count(DISTINCT d.member_id) AS members
                           FROM routing_decision d
                          WHERE d.decided_at > ?::timestamptz AND d.chosen_companion_id IS NOT NULL
                          GROUP BY d.chosen_companion_id) offered ON offered.chosen_companion_id = c.companion_id
             WHERE p.state = 'AVAILABLE' AND c.status = 'ACTIVE' AND c.languages && ?::varchar[]
               AND NOT EXISTS (SELECT 1 FROM call_line l WHERE l.user_id = c.companion_id)
            """;

    private static final String TALKED = """
            SELECT companion_id, max(at) AS at FROM (
                SELECT v.companion_id, coalesce(v.ended_at, v.connected_at) AS at FROM call_view v
                 WHERE v.member_id = ? AND v.requested_at >= ?::timestamptz AND v.connected_at IS NOT NULL
                UNION ALL
                SELECT cv.companion_id, cv.last_activity_at AS at FROM conversation cv
                 WHERE cv.member_id = ? AND cv.last_activity_at >= ?::timestamptz) talks
             GROUP BY companion_id
            """;

    private final DSLContext sql;

    public JooqRoutingFacts(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public List<RoutingCandidate> available(String memberId, List<String> languages, Instant now) {
        if (languages.isEmpty()) {
            return List.of();
        }
        OffsetDateTime dayStart = now.truncatedTo(ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
        OffsetDateTime hourAgo = now.minus(FAIRNESS_WINDOW).atOffset(ZoneOffset.UTC);
        OffsetDateTime dayAgo = now.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC);
        OffsetDateTime since = dayStart.isBefore(dayAgo) ? dayStart : dayAgo;
        var rows = sql.fetch(AVAILABLE, dayStart, since, hourAgo, languages.toArray(String[]::new));
        if (rows.isEmpty()) {
            return List.of();
        }
        OffsetDateTime continuity = now.minus(CONTINUITY).atOffset(ZoneOffset.UTC);
        Map<String, Instant> talked = new HashMap<>();
        for (Record row : sql.fetch(TALKED, memberId, continuity, memberId, continuity)) {
            OffsetDateTime at = row.get("at", OffsetDateTime.class);
            if (at != null) {
                talked.put(row.get("companion_id", String.class), at.toInstant());
            }
        }
        List<RoutingCandidate> candidates = new ArrayList<>(rows.size());
        for (Record row : rows) {
            String id = row.get("companion_id", String.class);
            Instant stateSince = row.get("state_since", OffsetDateTime.class).toInstant();
            OffsetDateTime lastEnd = row.get("last_call_end", OffsetDateTime.class);
            Instant idleSince = lastEnd != null && lastEnd.toInstant().isAfter(stateSince) ? lastEnd.toInstant()
                    : stateSince;
            candidates.add(new RoutingCandidate(id, Set.copyOf(Arrays.asList(row.get("languages", String[].class))),
                    Set.copyOf(Arrays.asList(row.get("skills", String[].class))), row.get("gender", String.class), null,
                    talked.get(id), row.get("connected_today", Long.class), idleSince,
                    row.get("new_members", Integer.class)));
        }
        return candidates;
    }

    @Override
    public boolean lockAvailable(String companionId) {
        String state = sql.fetchOptional("SELECT state FROM companion_presence WHERE companion_id = ? FOR UPDATE",
                companionId).map(row -> row.get(0, String.class)).orElse(null);
        return "AVAILABLE".equals(state);
    }
}
