package app.hearth.application.ratings;

import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.ratings.ModerationCase;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where moderation cases are kept. */
@SecondaryPort
public interface ModerationCaseStore {

    /** A case and its place in the list (newest highest). */
    record Listed(long position, ModerationCase moderationCase) {
    }

    /** Records the case in the caller's transaction unless its source and reference opened one already; true if new. */
    boolean openOnce(ModerationCase moderationCase);

    /**
     * Cases whose companion is within {@code reach} (by the team they are in now), newest first, below
     * {@code beforePosition} when set.
     */
    List<Listed> list(Reach reach, Long beforePosition, int limit);
}
