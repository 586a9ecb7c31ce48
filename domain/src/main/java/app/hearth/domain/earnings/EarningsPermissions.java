package app.hearth.domain.earnings;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.shared.RuleViolation;
import java.util.Optional;

/**
 * Who may do what with an earnings account (semantics.md, "Roles and what they may do"): a companion reads only
 * their own; a supervisor reads and applies or reverses penalties only for the companions of the team they
 * supervise; admins and superadmins do so for any companion, and only they correct balances or open accounts;
 * members never see earnings.
 */
public final class EarningsPermissions {

    public static final String FORBIDDEN = "EARNINGS_ACCESS_DENIED";

    private EarningsPermissions() {
    }

    /**
     * @param supervisorOfCompanion the supervisor of the companion's team, if any (what team scoping needs)
     */
    public static void requireRead(Actor actor, String companionId, Optional<String> supervisorOfCompanion) {
        CompanionScope.requireMayActOn(actor, companionId, supervisorOfCompanion, FORBIDDEN);
    }

    public static void requirePenalize(Actor actor, String companionId, Optional<String> supervisorOfCompanion) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only supervisors, admins and superadmins apply penalties");
        }
        CompanionScope.requireMayActOn(actor, companionId, supervisorOfCompanion, FORBIDDEN);
    }

    public static void requireAdminister(Actor actor) {
        if (!actor.role().isAdministrator()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only admins and superadmins may do this");
        }
    }
}
