package app.hearth.application.ratings;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import java.time.Instant;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * The moderation cases, read-only for now (ADR 0055): a supervisor sees those of the companions of the teams they lead
 * now, admins and superadmins all; every read is in the staff audit trail. Members and companions are refused.
 */
@PrimaryPort
public interface ModerationCases {

    record CaseView(String caseId, String companionId, String teamId, String source, String reference, String reason,
                    Instant openedAt, String status) {
    }

    Page<CaseView> list(Actor staff, String cursor, int limit);
}
