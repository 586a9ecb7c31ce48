package app.hearth.application.shifts;

import app.hearth.domain.shifts.PresenceChange;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The changes of a companion's derived presence, as presence recorded them; shifts only read them. */
@SecondaryPort
public interface PresenceHistory {

    /** The last change at or before {@code from}, if any, and every change after it up to {@code to}. */
    List<PresenceChange> changes(String companionId, Instant from, Instant to);
}
