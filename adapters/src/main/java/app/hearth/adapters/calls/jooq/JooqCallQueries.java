package app.hearth.adapters.calls.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_ENDED_COUNT;
import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_VIEW;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import app.hearth.adapters.companions.jooq.JooqTeamRegistry;
import app.hearth.adapters.shared.jooq.generated.tables.records.CallViewRecord;
import app.hearth.application.calls.CallQueries;
import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * Reads the calls' read model ({@code call_view}) with jOOQ. "Now" is the database's {@code now()}, so every node
 * judges orphans by the same clock as the stored times.
 */
@Component
public class JooqCallQueries implements CallQueries {

    static final String CURSOR = "calls";

    /** The database's now, less the orphan grace: a live call whose {@code must_end_by} is before it is orphaned. */
    private static final Field<OffsetDateTime> ORPHANED_BEFORE = DSL.field(
            "(now() - make_interval(secs => {0}))", SQLDataType.TIMESTAMPWITHTIMEZONE,
            DSL.inline(CallQueries.ORPHAN_GRACE.toSeconds()));
    private static final Field<OffsetDateTime> NOW = DSL.field("now()", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Condition LIVE = CALL_VIEW.ENDED_AT.isNull();
    private static final Condition ORPHANED = LIVE.and(CALL_VIEW.MUST_END_BY.lt(ORPHANED_BEFORE));

    private final DSLContext sql;

    public JooqCallQueries(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<CallView> call(String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        return sql.selectFrom(CALL_VIEW).where(CALL_VIEW.CALL_ID.eq(callId)).fetchOptional(JooqCallQueries::view);
    }

    /**
     * Two index range scans (as member, as companion), each cut at the page size, merged newest first. The cursor
     * is the last item's {@code requestedAt} (epoch microseconds) and call id.
     */
    @Override
    public Page<CallView> history(String userId, String cursor, int limit) {
        int size = Math.max(1, limit);
        Condition after = DSL.noCondition();
        String position = Cursors.decode(CURSOR, cursor);
        if (position != null) {
            int colon = position.indexOf(':');
            try {
                Instant before = micros(Long.parseLong(position.substring(0, colon)));
                after = row(CALL_VIEW.REQUESTED_AT, CALL_VIEW.CALL_ID)
                        .lt(CallRow.at(before), position.substring(colon + 1));
            } catch (RuntimeException malformed) {
                throw RuleViolation.invalid(Cursors.INVALID_CURSOR, "cursor",
                        "the cursor is not one this API gave out");
            }
        }
        var asMember = sql.selectFrom(CALL_VIEW).where(CALL_VIEW.MEMBER_ID.eq(userId)).and(after)
                .orderBy(CALL_VIEW.REQUESTED_AT.desc(), CALL_VIEW.CALL_ID.desc()).limit(size + 1);
        var asCompanion = sql.selectFrom(CALL_VIEW).where(CALL_VIEW.COMPANION_ID.eq(userId)).and(after)
                .orderBy(CALL_VIEW.REQUESTED_AT.desc(), CALL_VIEW.CALL_ID.desc()).limit(size + 1);
        var both = asMember.unionAll(asCompanion).asTable("history");
        List<CallView> items = sql.selectFrom(both)
                .orderBy(both.field(CALL_VIEW.REQUESTED_AT).desc(), both.field(CALL_VIEW.CALL_ID).desc())
                .limit(size + 1)
                .fetch(record -> view(record.into(CALL_VIEW)));
        if (items.size() <= size) {
            return new Page<>(items, null);
        }
        List<CallView> page = items.subList(0, size);
        CallView last = page.getLast();
        return new Page<>(page, Cursors.encode(CURSOR, micros(last.requestedAt()) + ":" + last.callId()));
    }

    @Override
    public List<CallView> live() {
        return sql.selectFrom(CALL_VIEW).where(LIVE)
                .orderBy(CALL_VIEW.REQUESTED_AT, CALL_VIEW.CALL_ID)
                .fetch(JooqCallQueries::view);
    }

    @Override
    public boolean inCall(String companionId) {
        return sql.fetchExists(CALL_VIEW, CALL_VIEW.COMPANION_ID.eq(companionId).and(LIVE));
    }

    @Override
    public Map<String, Long> callsOn(Set<String> companionIds, LocalDate day, ZoneId zone) {
        Map<String, Long> calls = new LinkedHashMap<>();
        companionIds.stream().sorted().forEach(id -> calls.put(id, 0L));
        if (companionIds.isEmpty()) {
            return calls;
        }
        OffsetDateTime start = CallRow.at(day.atStartOfDay(zone).toInstant());
        OffsetDateTime end = CallRow.at(day.plusDays(1).atStartOfDay(zone).toInstant());
        sql.select(CALL_VIEW.COMPANION_ID, count())
                .from(CALL_VIEW)
                .where(CALL_VIEW.COMPANION_ID.in(companionIds))
                .and(CALL_VIEW.REQUESTED_AT.ge(start)).and(CALL_VIEW.REQUESTED_AT.lt(end))
                .groupBy(CALL_VIEW.COMPANION_ID)
                .forEach(record -> calls.put(record.value1(), record.value2().longValue()));
        return calls;
    }

    @Override
    public List<CallStats> stats(Instant from, Instant to, Reach reach) {
        var figures = figures();
        var perCompanion = sql.select(CALL_VIEW.COMPANION_ID).select(figures)
                .from(CALL_VIEW)
                .where(CALL_VIEW.REQUESTED_AT.ge(CallRow.at(from))).and(CALL_VIEW.REQUESTED_AT.lt(CallRow.at(to)))
                .and(within(reach))
                .groupBy(CALL_VIEW.COMPANION_ID)
                .orderBy(CALL_VIEW.COMPANION_ID)
                .fetch();
        List<CallStats> stats = new ArrayList<>();
        long[] overall = new long[figures.size()];
        List<CallStats> companions = new ArrayList<>();
        for (Record record : perCompanion) {
            long[] values = new long[figures.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(record.get(figures.get(i)));
                overall[i] += values[i];
            }
            companions.add(stats(record.get(CALL_VIEW.COMPANION_ID), values));
        }
        stats.add(stats(null, overall));
        stats.addAll(companions);
        return stats;
    }

    /** The overall figures only, over [{@code from}, {@code to}) (what the metrics need). */
    public CallStats overall(Instant from, Instant to) {
        var figures = figures();
        Record record = sql.select(figures).from(CALL_VIEW)
                .where(CALL_VIEW.REQUESTED_AT.ge(CallRow.at(from))).and(CALL_VIEW.REQUESTED_AT.lt(CallRow.at(to)))
                .fetchOne();
        long[] values = new long[figures.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(record.get(figures.get(i)));
        }
        return stats(null, values);
    }

    /**
     * requested, connected, completed, active, orphaned, connected calls that ended, their connected seconds: the
     * order {@link #stats(String, long[])} reads them in.
     */
    private static List<Field<?>> figures() {
        Condition connected = CALL_VIEW.CONNECTED_AT.isNotNull();
        Condition endedConnected = connected.and(CALL_VIEW.ENDED_AT.isNotNull());
        return List.of(
                count().as("requested"),
                count().filterWhere(connected).as("connected"),
                count().filterWhere(CALL_VIEW.COMPLETED.isTrue()).as("completed"),
                count().filterWhere(LIVE).as("active"),
                count().filterWhere(ORPHANED).as("orphaned"),
                count().filterWhere(endedConnected).as("ended_connected"),
                sum(when(endedConnected, CALL_VIEW.CONNECTED_SECONDS).otherwise(0L)).as("ended_connected_seconds"));
    }

    private static CallStats stats(String companionId, long[] v) {
        long connected = v[1];
        long completed = v[2];
        double completionRate = connected == 0 ? 0.0 : (double) completed / connected;
        long average = v[5] == 0 ? 0 : Math.round((double) v[6] / v[5]);
        return new CallStats(companionId, v[0], connected, completed, v[3], v[4], completionRate, average);
    }

    @Override
    public List<LiveCall> liveBoard(Reach reach) {
        Field<OffsetDateTime> now = NOW.as("as_of");
        Field<Boolean> orphaned = DSL.field(CALL_VIEW.MUST_END_BY.lt(ORPHANED_BEFORE)).as("orphaned");
        return sql.select(CALL_VIEW.asterisk(), now, orphaned)
                .from(CALL_VIEW)
                .where(LIVE).and(within(reach))
                .orderBy(CALL_VIEW.REQUESTED_AT, CALL_VIEW.CALL_ID)
                .fetch(record -> {
                    CallViewRecord row = record.into(CALL_VIEW);
                    Instant asOf = record.get(now).toInstant();
                    CallRow call = CallRow.of(row);
                    Instant lastProof = call.lastProof();
                    Long sinceProof = lastProof == null ? null
                            : Math.max(0, Duration.between(lastProof, asOf).toSeconds());
                    return new LiveCall(view(row), lastProof, sinceProof, call.coveredUntil, call.coverageFailing,
                            CallRow.instant(row.getMustEndBy()), Boolean.TRUE.equals(record.get(orphaned)), asOf);
                });
    }

    @Override
    public LiveCounts liveCounts() {
        var record = sql.select(count(), count().filterWhere(ORPHANED)).from(CALL_VIEW).where(LIVE).fetchOne();
        return new LiveCounts(record.value1(), record.value2());
    }

    /** Calls ended so far per end reason (every reason, 0 included), as the projection counted them. */
    public Map<EndReason, Long> endedCounts() {
        Map<EndReason, Long> counts = new EnumMap<>(EndReason.class);
        for (EndReason reason : EndReason.values()) {
            counts.put(reason, 0L);
        }
        for (var record : sql.selectFrom(CALL_ENDED_COUNT).fetch()) {
            Arrays.stream(EndReason.values()).filter(reason -> reason.name().equals(record.getEndReason()))
                    .findFirst().ifPresent(reason -> counts.put(reason, record.getCalls()));
        }
        return counts;
    }

    /**
     * The calls whose companion is within {@code reach}, by the team the companion is in when the query runs (a
     * semi-join on the companion and team tables, not a team copied into the rows: ADR 0034).
     */
    private static Condition within(Reach reach) {
        return switch (reach) {
            case Reach.Everyone ignored -> DSL.noCondition();
            case Reach.TeamsLedBy teams -> CALL_VIEW.COMPANION_ID.in(JooqTeamRegistry.companionsLedBy(
                    teams.supervisorId()));
            case Reach.Nobody ignored -> DSL.falseCondition();
        };
    }

    static CallView view(CallViewRecord row) {
        return new CallView(row.getCallId(), row.getMemberId(), row.getCompanionId(), CallKind.valueOf(row.getKind()),
                row.getState().toLowerCase(Locale.ROOT), CallRow.instant(row.getRequestedAt()),
                CallRow.instant(row.getAcceptedAt()), CallRow.instant(row.getConnectedAt()),
                CallRow.instant(row.getEndedAt()),
                row.getEndReason() == null ? null : EndReason.valueOf(row.getEndReason()), row.getEndedBy(),
                row.getConnectedSeconds(), row.getBillableSeconds(), row.getCompleted());
    }

    private static long number(Object value) {
        return switch (value) {
            case null -> 0L;
            case Number number -> number.longValue();
            default -> new BigDecimal(value.toString()).longValue();
        };
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }
}
