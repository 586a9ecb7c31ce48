package app.hearth.domain.access;

import app.hearth.domain.shared.RuleViolation;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whose companions a staff member may act on: admins and superadmins any; a supervisor only those in a team they
 * supervise; a companion only themself; a member none. The one rule behind every team check (ADR 0013): one
 * companion at a time ({@link #mayActOn}), or a whole list or figure narrowed by {@link #reachOf} (ADR 0034).
 */
public final class CompanionScope {

    public static final String OUTSIDE_TEAM = "COMPANION_OUTSIDE_YOUR_TEAM";

    private CompanionScope() {
    }

    /** Whose companions' records a staff member's lists and figures cover. */
    public sealed interface Reach {

        /** Admins and superadmins: every companion's. */
        record Everyone() implements Reach {
        }

        /** A supervisor: the companions of the teams whose supervisor is {@code supervisorId}. */
        record TeamsLedBy(String supervisorId) implements Reach {
        }

        /** Members and companions: nobody else's. */
        record Nobody() implements Reach {
        }

        /** @param supervisorOfCompanion the supervisor of the team the companion is in, if they are in one */
        default boolean covers(Optional<String> supervisorOfCompanion) {
            return switch (this) {
                case Everyone ignored -> true;
                case TeamsLedBy teams -> supervisorOfCompanion.filter(teams.supervisorId()::equals).isPresent();
                case Nobody ignored -> false;
            };
        }

        /** As {@link #covers(Optional)}, looking the companion's supervisor up only when it matters. */
        default boolean covers(String companionId, Function<String, Optional<String>> supervisorOf) {
            return switch (this) {
                case Everyone ignored -> true;
                case TeamsLedBy ignored -> covers(supervisorOf.apply(companionId));
                case Nobody ignored -> false;
            };
        }
    }

    /** Whose companions {@code actor}'s lists and figures cover. */
    public static Reach reachOf(Actor actor) {
        return switch (actor.role()) {
            case ADMIN, SUPERADMIN -> new Reach.Everyone();
            case SUPERVISOR -> new Reach.TeamsLedBy(actor.userId());
            case COMPANION, MEMBER -> new Reach.Nobody();
        };
    }

    /**
     * @param supervisorOfCompanion the supervisor of the team the companion is in, if they are in one
     */
    public static boolean mayActOn(Actor actor, String companionId, Optional<String> supervisorOfCompanion) {
        return actor.role() == Role.COMPANION ? actor.userId().equals(companionId)
                : reachOf(actor).covers(supervisorOfCompanion);
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
