package app.hearth.domain.access;

import app.hearth.domain.shared.RuleViolation;
import java.util.Optional;

/**
 * Whose companions a staff member may act on: admins and superadmins any; a supervisor only those in the team
 * they supervise; a companion only themself; a member none.
 */
public final class CompanionScope {

    public static final String OUTSIDE_TEAM = "COMPANION_OUTSIDE_YOUR_TEAM";

    private CompanionScope() {
    }

    /**
     * @param supervisorOfCompanion the supervisor of the team the companion is in, if they are in one
     */
    public static boolean mayActOn(Actor actor, String companionId, Optional<String> supervisorOfCompanion) {
        return switch (actor.role()) {
            case ADMIN, SUPERADMIN -> true;
            case SUPERVISOR -> supervisorOfCompanion.filter(actor.userId()::equals).isPresent();
            case COMPANION -> actor.userId().equals(companionId);
            case MEMBER -> false;
        };
    }

    public static void requireMayActOn(Actor actor, String companionId, Optional<String> supervisorOfCompanion,
                                       String code) {
        if (!mayActOn(actor, companionId, supervisorOfCompanion)) {
            String why = actor.role() == Role.SUPERVISOR
                    ? "companion " + companionId + " is not in a team you supervise"
                    : "you may not act on companion " + companionId;
            throw RuleViolation.forbidden(actor.role() == Role.SUPERVISOR ? OUTSIDE_TEAM : code, why);
        }
    }
}
