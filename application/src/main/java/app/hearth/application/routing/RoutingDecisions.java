package app.hearth.application.routing;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * The recorded routing decisions as staff read them (a supervisor: those that chose their teams' companions; admins
 * and superadmins: all), and a member's own "why this companion" for a call routing rang for them.
 */
@PrimaryPort
public interface RoutingDecisions {

    /** Why this companion: the deciding rule's name and its explanation in words. */
    record Explanation(String rule, String explanation) {
    }

    /** Staff only (403 otherwise); newest first; {@code limit} 1 to 200 (default 50). */
    Page<RoutingLog.Entry> list(Actor viewer, String cursor, int limit);

    /** For the call's member only; empty for anyone else and for calls routing did not ring. */
    Optional<Explanation> forCall(Actor viewer, String callId);
}
