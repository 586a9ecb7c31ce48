package app.hearth.application.access;

import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Which supervisor leads the team a companion is in: what supervisor scoping needs. */
@SecondaryPort
public interface TeamDirectory {

    /** The supervisor of the companion's team, if the companion is in a team that has one. */
    Optional<String> supervisorOf(String companionId);
}
