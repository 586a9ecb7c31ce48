package app.hearth.adapters.ratings.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION;
import static app.hearth.adapters.shared.jooq.generated.Tables.MODERATION_CASE;
import static app.hearth.adapters.shared.jooq.generated.Tables.TEAM;

import app.hearth.application.ratings.ModerationCaseStore;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.ratings.CaseSource;
import app.hearth.domain.ratings.CaseStatus;
import app.hearth.domain.ratings.ModerationCase;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Moderation cases, one row each, at most one per source and reference (the unique key decides). */
@Component
public class JooqModerationCaseStore implements ModerationCaseStore {

    private final DSLContext sql;

    public JooqModerationCaseStore(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean openOnce(ModerationCase opened) {
        return sql.insertInto(MODERATION_CASE)
                .set(MODERATION_CASE.CASE_ID, opened.caseId())
                .set(MODERATION_CASE.COMPANION_ID, opened.companionId())
                .set(MODERATION_CASE.TEAM_ID, opened.teamId())
                .set(MODERATION_CASE.SOURCE, opened.source().name())
                .set(MODERATION_CASE.REFERENCE, opened.reference())
                .set(MODERATION_CASE.REASON, opened.reason())
                .set(MODERATION_CASE.OPENED_AT, opened.openedAt().atOffset(ZoneOffset.UTC))
                .set(MODERATION_CASE.STATUS, opened.status().name())
                .set(MODERATION_CASE.STATUS_AT, opened.openedAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public List<Listed> list(Reach reach, Long beforePosition, int limit) {
        Condition where = switch (reach) {
            case Reach.Everyone ignored -> DSL.noCondition();
            // the companions of the teams the supervisor leads now (a team move counts at once, as for calls)
            case Reach.TeamsLedBy teams -> MODERATION_CASE.COMPANION_ID.in(DSL.select(COMPANION.COMPANION_ID)
                    .from(COMPANION.join(TEAM).on(TEAM.TEAM_ID.eq(COMPANION.TEAM_ID)))
                    .where(TEAM.SUPERVISOR_ID.eq(teams.supervisorId())));
            case Reach.Nobody ignored -> DSL.falseCondition();
        };
        if (beforePosition != null) {
            where = where.and(MODERATION_CASE.POSITION.lt(beforePosition));
        }
        return sql.selectFrom(MODERATION_CASE).where(where).orderBy(MODERATION_CASE.POSITION.desc()).limit(limit)
                .fetch(JooqModerationCaseStore::listed);
    }

    private static Listed listed(Record row) {
        return new Listed(row.get(MODERATION_CASE.POSITION), new ModerationCase(row.get(MODERATION_CASE.CASE_ID),
                row.get(MODERATION_CASE.COMPANION_ID), row.get(MODERATION_CASE.TEAM_ID),
                CaseSource.valueOf(row.get(MODERATION_CASE.SOURCE)), row.get(MODERATION_CASE.REFERENCE),
                row.get(MODERATION_CASE.REASON), row.get(MODERATION_CASE.OPENED_AT).toInstant(),
                CaseStatus.valueOf(row.get(MODERATION_CASE.STATUS))));
    }
}
