package app.hearth.adapters.routing.jooq;

import app.hearth.application.routing.RoutingFacts;
import app.hearth.domain.routing.RoutingCandidate;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        List<Row> rows = sql.connectionResult(connection -> available(connection, dayStart, since, hourAgo,
                languages));
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
        for (Row row : rows) {
            Instant idleSince = row.lastEnd() != null && row.lastEnd().isAfter(row.stateSince()) ? row.lastEnd()
                    : row.stateSince();
            candidates.add(new RoutingCandidate(row.id(), row.languages(), row.skills(), row.gender(), null,
                    talked.get(row.id()), row.connectedToday(), idleSince, row.newMembers()));
        }
        return candidates;
    }

    /** One row of {@link #AVAILABLE}. */
    private record Row(String id, Set<String> languages, Set<String> skills, String gender, Instant stateSince,
                       long connectedToday, Instant lastEnd, int newMembers) {
    }

    /**
     * The candidate query read straight from JDBC: thousands of rows through jOOQ's records and converters cost more
     * than the query itself.
     */
    private static List<Row> available(Connection connection, OffsetDateTime dayStart, OffsetDateTime since,
                                       OffsetDateTime hourAgo, List<String> languages) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(AVAILABLE)) {
            query.setObject(1, dayStart);
            query.setObject(2, since);
            query.setObject(3, hourAgo);
            query.setArray(4, connection.createArrayOf("varchar", languages.toArray(String[]::new)));
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    OffsetDateTime lastEnd = result.getObject(7, OffsetDateTime.class);
                    rows.add(new Row(result.getString(1), strings(result.getArray(2)), strings(result.getArray(3)),
                            result.getString(4), result.getObject(5, OffsetDateTime.class).toInstant(),
                            result.getLong(6), lastEnd == null ? null : lastEnd.toInstant(), result.getInt(8)));
                }
            }
            return rows;
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    @Override
    public boolean lockAvailable(String companionId) {
        String state = sql.fetchOptional("SELECT state FROM companion_presence WHERE companion_id = ? FOR UPDATE",
                companionId).map(row -> row.get(0, String.class)).orElse(null);
        return "AVAILABLE".equals(state);
    }

    @Override
    public boolean anyAvailable() {
        return sql.fetchExists(sql.selectOne().from("companion_presence").where("state = 'AVAILABLE'"));
    }
}
