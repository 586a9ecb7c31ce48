package app.hearth.domain.access;

import app.hearth.domain.shared.RuleViolation;
import org.jmolecules.ddd.annotation.ValueObject;

/** A signed-in user acting in a role; ledgers record it as {@code role:userId}. */
@ValueObject
public record Actor(String userId, Role role) {

    public Actor {
        RuleViolation.requireText(userId, "userId");
        RuleViolation.require(role, "role");
    }

    /** A process of Hearth itself (call billing, chat), recorded as {@code system:name}. */
    public static String system(String process) {
        return "system:" + process;
    }

    /** How ledgers record this actor. */
    public String recorded() {
        return role.name().toLowerCase(java.util.Locale.ROOT) + ":" + userId;
    }
}
