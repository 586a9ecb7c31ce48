package app.hearth.application.companions;

import app.hearth.domain.access.Actor;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** Teams of companions, each led by a supervisor; admins run them, supervisors read their own. */
@PrimaryPort
public interface Teams {

    /** A team with the ids of its companions. */
    record TeamView(TeamRegistry.Team team, List<String> companionIds) {
    }

    TeamRegistry.Team create(Actor actor, String name);

    TeamRegistry.Team nameSupervisor(Actor actor, String teamId, String supervisorId);

    /** Moves the companion into {@code teamId} (out of any team they were in). */
    CompanionRegistry.Companion move(Actor actor, String companionId, String teamId);

    /** Admins: every team; a supervisor: the teams they lead. */
    List<TeamRegistry.Team> list(Actor actor);

    TeamView team(Actor actor, String teamId);
}
