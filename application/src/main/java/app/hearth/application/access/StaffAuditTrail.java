package app.hearth.application.access;

import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The append-only record of what staff did. */
@SecondaryPort
public interface StaffAuditTrail {

    /** A recorded action and its position in the trail (newest has the highest). */
    record Recorded(long position, StaffAction action) {
    }

    /** Filters; null means any. Newest first, strictly before {@code beforePosition} when set. */
    record Query(StaffActionKind kind, String actor, String subject, Long beforePosition, int limit) {
    }

    /** Records the action in the caller's transaction; a second action with the same id is ignored. */
    void record(StaffAction action);

    List<Recorded> list(Query query);
}
