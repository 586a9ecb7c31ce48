package app.hearth.application.companions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where teams are kept. */
@SecondaryPort
public interface TeamRegistry {

    /** A team and its supervisor (null until one is named). */
    record Team(String teamId, String name, String supervisorId, String createdBy, Instant createdAt) {
    }

    /** Records a new team; false when a team of that name exists. */
    boolean create(Team team);

    Optional<Team> find(String teamId);

    Optional<Team> lock(String teamId);

    void nameSupervisor(String teamId, String supervisorId);

    /** All teams, or only those {@code supervisorId} leads when it is set; by name. */
    List<Team> list(String supervisorId);
}
