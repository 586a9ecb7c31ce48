package app.hearth.domain.companions;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import java.util.Optional;

/**
 * Who may manage companions and teams (semantics.md, "Roles and what they may do"): admins and superadmins
 * invite companions and run teams; a supervisor suspends and reinstates only the companions of their own team;
 * a companion edits only their own profile.
 */
public final class CompanionRules {

    public static final String FORBIDDEN = "COMPANION_MANAGEMENT_FORBIDDEN";
    public static final String NOT_FOUND = "COMPANION_NOT_FOUND";
    public static final String TEAM_NOT_FOUND = "TEAM_NOT_FOUND";
    public static final String ALREADY_SUSPENDED = "COMPANION_ALREADY_SUSPENDED";
    public static final String NOT_SUSPENDED = "COMPANION_NOT_SUSPENDED";
    public static final String NOT_A_SUPERVISOR = "NOT_A_SUPERVISOR";
    public static final String HOLDS_STAFF_ROLE = "USER_HOLDS_STAFF_ROLE";
    public static final String NOT_A_COMPANION = "NOT_A_COMPANION";
    public static final String NOT_ACTIVE = "COMPANION_NOT_ACTIVE";

    private CompanionRules() {
    }

    /** Invite companions, create teams, name supervisors, move companions between teams. */
    public static void requireAdministrator(Actor actor) {
        if (!actor.role().isAdministrator()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only admins and superadmins manage companions and teams");
        }
    }

    /** Suspend or reinstate: admins any companion, a supervisor those of their own team, nobody else. */
    public static void requireMaySuspend(Actor actor, String companionId, Optional<String> supervisorOfCompanion) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only supervisors, admins and superadmins suspend companions");
        }
        CompanionScope.requireMayActOn(actor, companionId, supervisorOfCompanion, FORBIDDEN);
    }

    /** A suspension moves an invited or active companion to suspended. */
    public static CompanionStatus suspend(CompanionStatus current) {
        if (current == CompanionStatus.SUSPENDED) {
            throw RuleViolation.conflict(ALREADY_SUSPENDED, "the companion is already suspended");
        }
        return CompanionStatus.SUSPENDED;
    }

    /** A reinstatement returns a suspended companion to active if they have a profile, else to invited. */
    public static CompanionStatus reinstate(CompanionStatus current, boolean hasProfile) {
        if (current != CompanionStatus.SUSPENDED) {
            throw RuleViolation.conflict(NOT_SUSPENDED, "the companion is not suspended");
        }
        return hasProfile ? CompanionStatus.ACTIVE : CompanionStatus.INVITED;
    }

    /** Saving a profile makes an invited companion active; a suspended one stays suspended. */
    public static CompanionStatus afterProfileSaved(CompanionStatus current) {
        return current == CompanionStatus.INVITED ? CompanionStatus.ACTIVE : current;
    }

    /** Only users who hold the supervisor role lead a team. */
    public static void requireSupervisor(Role roleOfCandidate, String candidateId) {
        if (roleOfCandidate != Role.SUPERVISOR) {
            throw RuleViolation.refused(NOT_A_SUPERVISOR, candidateId + " does not hold the supervisor role");
        }
    }

    /** Staff see every companion and a companion sees themself; everybody else sees only active ones. */
    public static boolean isVisible(Actor viewer, String companionId, CompanionStatus status) {
        return status == CompanionStatus.ACTIVE || viewer.role().isSupervisorOrAbove()
                || viewer.userId().equals(companionId);
    }

    /** A team name: 1 to 120 characters. */
    public static String teamName(String name) {
        String trimmed = RuleViolation.requireText(name, "name").strip();
        if (trimmed.length() > 120) {
            throw RuleViolation.invalid(CompanionProfile.TEXT_TOO_LONG, "name", "a team name has at most 120 "
                    + "characters");
        }
        return trimmed;
    }
}
