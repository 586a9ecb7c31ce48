package app.hearth.adapters.companions.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION;
import static app.hearth.adapters.shared.jooq.generated.Tables.TEAM;

import app.hearth.adapters.shared.jooq.generated.tables.records.TeamRecord;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.companions.TeamRegistry;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Teams in the {@code team} table; the supervisor of a companion is read through their team. */
@Component
public class JooqTeamRegistry implements TeamRegistry, TeamDirectory {

    private final DSLContext sql;

    public JooqTeamRegistry(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean create(Team team) {
        return sql.insertInto(TEAM)
                .set(TEAM.TEAM_ID, team.teamId()).set(TEAM.NAME, team.name())
                .set(TEAM.SUPERVISOR_ID, team.supervisorId()).set(TEAM.CREATED_BY, team.createdBy())
                .set(TEAM.CREATED_AT, team.createdAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Team> find(String teamId) {
        return sql.selectFrom(TEAM).where(TEAM.TEAM_ID.eq(teamId)).fetchOptional(JooqTeamRegistry::team);
    }

    @Override
    public Optional<Team> lock(String teamId) {
        return sql.selectFrom(TEAM).where(TEAM.TEAM_ID.eq(teamId)).forUpdate().fetchOptional(JooqTeamRegistry::team);
    }

    @Override
    public void nameSupervisor(String teamId, String supervisorId) {
        sql.update(TEAM).set(TEAM.SUPERVISOR_ID, supervisorId).where(TEAM.TEAM_ID.eq(teamId)).execute();
    }

    @Override
    public List<Team> list(String supervisorId) {
        return sql.selectFrom(TEAM).where(supervisorId == null ? DSL.noCondition() : TEAM.SUPERVISOR_ID.eq(supervisorId))
                .orderBy(TEAM.NAME).fetch(JooqTeamRegistry::team);
    }

    @Override
    public Optional<String> supervisorOf(String companionId) {
        return sql.select(TEAM.SUPERVISOR_ID).from(companionTeams())
                .where(COMPANION.COMPANION_ID.eq(companionId))
                .fetchOptional(TEAM.SUPERVISOR_ID)
                .filter(supervisor -> supervisor != null);
    }

    /**
     * The ids of the companions in the teams {@code supervisorId} leads, as a subquery for other read models' queries:
     * read when that query runs, so a team move or a new supervisor counts at once (ADR 0034).
     */
    public static Select<Record1<String>> companionsLedBy(String supervisorId) {
        return DSL.select(COMPANION.COMPANION_ID).from(companionTeams()).where(TEAM.SUPERVISOR_ID.eq(supervisorId));
    }

    /** Each companion with the team they are in: the one place a companion is joined to their supervisor. */
    private static Table<?> companionTeams() {
        return COMPANION.join(TEAM).on(TEAM.TEAM_ID.eq(COMPANION.TEAM_ID));
    }

    private static Team team(TeamRecord row) {
        return new Team(row.getTeamId(), row.getName(), row.getSupervisorId(), row.getCreatedBy(),
                row.getCreatedAt().toInstant());
    }
}
