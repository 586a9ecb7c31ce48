package app.hearth.application.companions;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.companions.CompanionRules;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Team use cases; each change and its audit entry commit together, rows locked against concurrent moves. */
public class TeamsService implements Teams {

    private static final System.Logger log = System.getLogger(TeamsService.class.getName());

    private final TeamRegistry teams;
    private final CompanionRegistry companions;
    private final AccessAdministration access;
    private final StaffAuditTrail trail;
    private final Transactions transactions;
    private final Clock clock;

    public TeamsService(TeamRegistry teams, CompanionRegistry companions, AccessAdministration access,
                        StaffAuditTrail trail, Transactions transactions, Clock clock) {
        this.teams = teams;
        this.companions = companions;
        this.access = access;
        this.trail = trail;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public TeamRegistry.Team create(Actor actor, String name) {
        CompanionRules.requireAdministrator(actor);
        String teamName = CompanionRules.teamName(name);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            var team = new TeamRegistry.Team(UUID.randomUUID().toString(), teamName, null, actor.recorded(), now);
            if (!teams.create(team)) {
                throw RuleViolation.conflict("TEAM_NAME_TAKEN", "a team named '" + teamName + "' exists");
            }
            record(actor, StaffActionKind.TEAM_CREATED, team.teamId(), null, teamName, now);
            log.log(System.Logger.Level.INFO, "{0} created team {1} ({2})", actor.recorded(), teamName, team.teamId());
            return team;
        });
    }

    @Override
    public TeamRegistry.Team nameSupervisor(Actor actor, String teamId, String supervisorId) {
        CompanionRules.requireAdministrator(actor);
        RuleViolation.requireText(supervisorId, "supervisorId");
        return transactions.inTransaction(() -> {
            var team = teams.lock(teamId).orElseThrow(() -> teamNotFound(teamId));
            CompanionRules.requireSupervisor(access.roleOf(supervisorId), supervisorId);
            if (!supervisorId.equals(team.supervisorId())) {
                teams.nameSupervisor(teamId, supervisorId);
                record(actor, StaffActionKind.TEAM_SUPERVISOR_NAMED, teamId, team.supervisorId(), supervisorId,
                        clock.instant());
            }
            return teams.find(teamId).orElseThrow();
        });
    }

    @Override
    public CompanionRegistry.Companion move(Actor actor, String companionId, String teamId) {
        CompanionRules.requireAdministrator(actor);
        RuleViolation.requireText(teamId, "teamId");
        return transactions.inTransaction(() -> {
            teams.find(teamId).orElseThrow(() -> teamNotFound(teamId));
            var companion = companions.lock(companionId).orElseThrow(() -> CompanionsService.notFound(companionId));
            if (!Objects.equals(companion.teamId(), teamId)) {
                Instant now = clock.instant();
                companions.setTeam(companionId, teamId, now);
                record(actor, StaffActionKind.COMPANION_MOVED, companionId, companion.teamId(), teamId, now);
                log.log(System.Logger.Level.INFO, "{0} moved companion {1} from team {2} to {3}", actor.recorded(),
                        companionId, companion.teamId(), teamId);
            }
            return companions.find(companionId).orElseThrow();
        });
    }

    @Override
    public List<TeamRegistry.Team> list(Actor actor) {
        if (actor.role().isAdministrator()) {
            return teams.list(null);
        }
        if (actor.role() == Role.SUPERVISOR) {
            return teams.list(actor.userId());
        }
        throw RuleViolation.forbidden(CompanionRules.FORBIDDEN, "only staff read teams");
    }

    @Override
    public TeamView team(Actor actor, String teamId) {
        var team = teams.find(teamId).orElseThrow(() -> teamNotFound(teamId));
        boolean leads = actor.role() == Role.SUPERVISOR && actor.userId().equals(team.supervisorId());
        if (!actor.role().isAdministrator() && !leads) {
            // a supervisor never learns whether another team's id exists
            throw actor.role() == Role.SUPERVISOR ? teamNotFound(teamId)
                    : RuleViolation.forbidden(CompanionRules.FORBIDDEN, "only staff read teams");
        }
        return new TeamView(team, companions.inTeam(teamId));
    }

    private void record(Actor actor, StaffActionKind kind, String subject, String before, String after, Instant at) {
        trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(), kind, subject, before, after,
                null, at));
    }

    private static RuleViolation teamNotFound(String teamId) {
        return RuleViolation.notFound(CompanionRules.TEAM_NOT_FOUND, "no team " + teamId);
    }
}
