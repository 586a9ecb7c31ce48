package app.hearth.application.access;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffActionKind;
import java.time.Instant;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** Roles and the staff audit trail: who holds which role, who may change it, and what staff did. */
@PrimaryPort
public interface AccessAdministration {

    /** A user's current role as Hearth records it. */
    record UserRole(String userId, Role role, String grantedBy, Instant grantedAt) {
    }

    /** The role Hearth holds for {@code userId} right now (MEMBER without a record): the truth for every request. */
    Role roleOf(String userId);

    UserRole userRole(Actor actor, String userId);

    /** Grants {@code role}; granting the role already held changes nothing and records nothing. */
    UserRole grant(Actor actor, String userId, Role role);

    /** Takes {@code role} away: the user is a member again from their next request. */
    UserRole revoke(Actor actor, String userId, Role role);

    /** Sets a role on behalf of a Hearth process (configuration, the local token issuer), recorded as such. */
    void assignBySystem(String process, String userId, Role role);

    /** Filters for the staff audit trail; null means any. */
    record StaffActionFilter(StaffActionKind kind, String actor, String subject, String cursor, int limit) {
    }

    Page<StaffAuditTrail.Recorded> staffActions(Actor actor, StaffActionFilter filter);

    /** Publishes queued role claims to the identity provider; returns how many were published. */
    int publishPendingClaims(int limit);
}
