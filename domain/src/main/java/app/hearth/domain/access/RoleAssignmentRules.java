package app.hearth.domain.access;

import app.hearth.domain.shared.RuleViolation;
import java.util.Locale;

/**
 * Who may give whom which role (semantics.md, "Roles and what they may do"): a superadmin grants and revokes
 * admin; an admin or superadmin grants and revokes supervisor and companion. Nobody changes their own role, and
 * nobody changes the role of someone whose current role they could not have granted. Superadmins are named
 * only in configuration. A revoked user is a member again.
 */
public final class RoleAssignmentRules {

    public static final String FORBIDDEN = "ROLE_CHANGE_FORBIDDEN";
    public static final String OWN_ROLE = "OWN_ROLE_CHANGE_FORBIDDEN";
    public static final String NOT_HELD = "ROLE_NOT_HELD";

    private RoleAssignmentRules() {
    }

    /** May {@code actor} grant or revoke {@code role}? Members are nobody's to grant: they are the default. */
    public static boolean mayManage(Role actor, Role role) {
        return switch (role) {
            case MEMBER -> actor.isAdministrator();
            case COMPANION, SUPERVISOR -> actor.isAdministrator();
            case ADMIN -> actor == Role.SUPERADMIN;
            case SUPERADMIN -> false;
        };
    }

    /** Refuses unless {@code actor} may move {@code userId} from {@code current} to {@code target}. */
    public static void requireMayAssign(Actor actor, String userId, Role current, Role target) {
        RuleViolation.requireText(userId, "userId");
        RuleViolation.require(target, "role");
        if (actor.userId().equals(userId)) {
            throw RuleViolation.forbidden(OWN_ROLE, "nobody may change their own role");
        }
        if (target == Role.MEMBER) {
            throw RuleViolation.invalid("ROLE_NOT_GRANTABLE", "role",
                    "member is the role of everyone without a staff role: revoke the staff role instead");
        }
        if (!mayManage(actor.role(), target)) {
            throw RuleViolation.forbidden(FORBIDDEN, "a " + name(actor.role()) + " may not grant " + name(target));
        }
        if (!mayManage(actor.role(), current)) {
            throw RuleViolation.forbidden(FORBIDDEN, "a " + name(actor.role()) + " may not change the role of a "
                    + name(current));
        }
    }

    /** Refuses unless {@code actor} may take {@code role} from {@code userId}, who holds {@code current}. */
    public static void requireMayRevoke(Actor actor, String userId, Role current, Role role) {
        RuleViolation.requireText(userId, "userId");
        RuleViolation.require(role, "role");
        if (actor.userId().equals(userId)) {
            throw RuleViolation.forbidden(OWN_ROLE, "nobody may change their own role");
        }
        if (!mayManage(actor.role(), role) || role == Role.MEMBER) {
            throw RuleViolation.forbidden(FORBIDDEN, "a " + name(actor.role()) + " may not revoke " + name(role));
        }
        if (current != role) {
            throw RuleViolation.conflict(NOT_HELD, "user " + userId + " does not hold the role " + name(role)
                    + " (current role: " + name(current) + ")");
        }
    }

    public static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
