package app.hearth.adapters.routing.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION;
import static app.hearth.adapters.shared.jooq.generated.Tables.ROUTING_DECISION;
import static app.hearth.adapters.shared.jooq.generated.Tables.TEAM;

import app.hearth.adapters.shared.jooq.generated.tables.records.RoutingDecisionRecord;
import app.hearth.application.routing.RoutingLog;
import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.routing.RoutingDecision;
import app.hearth.domain.routing.RoutingRule;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decisions in {@code routing_decision}, the kept candidates as a JSON array of {@code {companionId, reasons}}.
 * A supervisor's page holds the decisions whose chosen companion is in a team they lead now.
 */
@Component
public class JooqRoutingLog implements RoutingLog {

    private static final String CURSOR = "routing";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext sql;

    public JooqRoutingLog(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void record(Entry entry) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (RoutingDecision.Ranked ranked : entry.candidates()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("companionId", ranked.companionId());
            one.put("reasons", ranked.reasons());
            candidates.add(one);
        }
        sql.insertInto(ROUTING_DECISION)
                .set(ROUTING_DECISION.REQUEST_ID, entry.requestId())
                .set(ROUTING_DECISION.ATTEMPT, entry.attempt())
                .set(ROUTING_DECISION.PURPOSE, entry.purpose())
                .set(ROUTING_DECISION.MEMBER_ID, entry.memberId())
                .set(ROUTING_DECISION.KIND, entry.kind())
                .set(ROUTING_DECISION.FILTERS, entry.filters())
                .set(ROUTING_DECISION.CALL_ID, entry.callId())
                .set(ROUTING_DECISION.CHOSEN_COMPANION_ID, entry.chosenId())
                .set(ROUTING_DECISION.RULE, entry.rule().name())
                .set(ROUTING_DECISION.EXPLANATION, entry.rule().explanation())
                .set(ROUTING_DECISION.CANDIDATE_COUNT, entry.candidateCount())
                .set(ROUTING_DECISION.CANDIDATES, JSON.writeValueAsString(candidates))
                .set(ROUTING_DECISION.WAITED_SECONDS, entry.waitedSeconds())
                .set(ROUTING_DECISION.DECIDED_AT, entry.decidedAt().atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public Optional<Entry> forCall(String callId) {
        return sql.selectFrom(ROUTING_DECISION).where(ROUTING_DECISION.CALL_ID.eq(callId))
                .orderBy(ROUTING_DECISION.POSITION.desc()).limit(1).fetchOptional(JooqRoutingLog::entry);
    }

    @Override
    public List<Entry> ofRequest(String requestId) {
        return sql.selectFrom(ROUTING_DECISION).where(ROUTING_DECISION.REQUEST_ID.eq(requestId))
                .orderBy(ROUTING_DECISION.ATTEMPT, ROUTING_DECISION.POSITION).fetch(JooqRoutingLog::entry);
    }

    @Override
    public Page<Entry> page(Reach reach, String cursor, int limit) {
        Long before = Cursors.decodeLong(CURSOR, cursor);
        Condition condition = switch (reach) {
            case Reach.Everyone ignored -> DSL.trueCondition();
            case Reach.TeamsLedBy teams -> ROUTING_DECISION.CHOSEN_COMPANION_ID.in(DSL.select(COMPANION.COMPANION_ID)
                    .from(COMPANION.join(TEAM).on(TEAM.TEAM_ID.eq(COMPANION.TEAM_ID)))
                    .where(TEAM.SUPERVISOR_ID.eq(teams.supervisorId())));
            case Reach.Nobody ignored -> DSL.falseCondition();
        };
        if (before != null) {
            condition = condition.and(ROUTING_DECISION.POSITION.lt(before));
        }
        List<Entry> rows = sql.selectFrom(ROUTING_DECISION).where(condition)
                .orderBy(ROUTING_DECISION.POSITION.desc()).limit(limit + 1).fetch(JooqRoutingLog::entry);
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Entry> items = rows.subList(0, limit);
        return new Page<>(items, Cursors.encode(CURSOR, Long.toString(items.getLast().position())));
    }

    private static Entry entry(RoutingDecisionRecord row) {
        List<Map<String, Object>> kept = JSON.readValue(row.getCandidates(), new TypeReference<>() { });
        List<RoutingDecision.Ranked> candidates = new ArrayList<>();
        for (Map<String, Object> one : kept) {
            @SuppressWarnings("unchecked")
            List<String> reasons = (List<String>) one.get("reasons");
            candidates.add(new RoutingDecision.Ranked((String) one.get("companionId"), reasons));
        }
        return new Entry(row.getPosition(), row.getRequestId(), row.getAttempt(), row.getPurpose(),
                row.getMemberId(), row.getKind(), row.getFilters(), row.getCallId(), row.getChosenCompanionId(),
                RoutingRule.valueOf(row.getRule()), row.getCandidateCount(), candidates, row.getWaitedSeconds(),
                row.getDecidedAt().toInstant());
    }
}
