package app.hearth.domain.earnings;

import app.hearth.domain.access.Actor;
import app.hearth.domain.shared.RuleViolation;

/**
 * Who may do what with an earnings account (semantics.md, "Roles and what they may do"): a companion reads only
 * their own; supervisors and above read any and apply or reverse penalties; only admins and superadmins correct
 * balances or open accounts; members never see earnings.
 */
public final class EarningsPermissions {

    public static final String FORBIDDEN = "EARNINGS_ACCESS_DENIED";

    private EarningsPermissions() {
    }

    public static void requireRead(Actor actor, String companionId) {
        boolean own = switch (actor.role()) {
            case COMPANION -> actor.userId().equals(companionId);
            case SUPERVISOR, ADMIN, SUPERADMIN -> true;
            case MEMBER -> false;
        };
        if (!own) {
            throw RuleViolation.forbidden(FORBIDDEN, "you may not read the earnings of companion " + companionId);
        }
    }

    public static void requirePenalize(Actor actor) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only supervisors, admins and superadmins apply penalties");
        }
    }

    public static void requireAdminister(Actor actor) {
        if (!actor.role().isAdministrator()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only admins and superadmins may do this");
        }
    }
}
