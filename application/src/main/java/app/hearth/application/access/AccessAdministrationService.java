package app.hearth.application.access;

import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.RoleAssignmentRules;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Role changes and the audit trail, each change and its audit entry in one transaction. */
public class AccessAdministrationService implements AccessAdministration {

    private static final System.Logger log = System.getLogger(AccessAdministrationService.class.getName());
    private static final String CURSOR = "s";

    private final RoleRegistry roles;
    private final StaffAuditTrail trail;
    private final IdentityProviderClaims claims;
    private final Transactions transactions;
    private final Clock clock;

    public AccessAdministrationService(RoleRegistry roles, StaffAuditTrail trail, IdentityProviderClaims claims,
                                       Transactions transactions, Clock clock) {
        this.roles = roles;
        this.trail = trail;
        this.claims = claims;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Role roleOf(String userId) {
        return roles.assignment(userId).map(RoleRegistry.Assignment::role).orElse(Role.MEMBER);
    }

    @Override
    public UserRole userRole(Actor actor, String userId) {
        if (!actor.role().isAdministrator() && !actor.userId().equals(userId)) {
            throw RuleViolation.forbidden(RoleAssignmentRules.FORBIDDEN, "only admins read other users' roles");
        }
        return current(userId);
    }

    @Override
    public UserRole grant(Actor actor, String userId, Role role) {
        return transactions.inTransaction(() -> {
            Role current = roleOf(userId);
            RoleAssignmentRules.requireMayAssign(actor, userId, current, role);
            if (current != role) {
                change(actor.recorded(), userId, current, role, StaffActionKind.ROLE_GRANTED);
            }
            return current(userId);
        });
    }

    @Override
    public UserRole revoke(Actor actor, String userId, Role role) {
        return transactions.inTransaction(() -> {
            Role current = roleOf(userId);
            RoleAssignmentRules.requireMayRevoke(actor, userId, current, role);
            change(actor.recorded(), userId, current, Role.MEMBER, StaffActionKind.ROLE_REVOKED);
            return current(userId);
        });
    }

    @Override
    public void assignBySystem(String process, String userId, Role role) {
        RuleViolation.requireText(userId, "userId");
        transactions.run(() -> {
            Role current = roleOf(userId);
            if (current != role) {
                change(Actor.system(process), userId, current, role,
                        role == Role.MEMBER ? StaffActionKind.ROLE_REVOKED : StaffActionKind.ROLE_GRANTED);
            }
        });
    }

    private void change(String actor, String userId, Role from, Role to, StaffActionKind kind) {
        Instant now = clock.instant();
        roles.assign(userId, to, actor, now);
        trail.record(new StaffAction(UUID.randomUUID().toString(), actor, kind, userId,
                RoleAssignmentRules.name(from), RoleAssignmentRules.name(to), null, now));
        log.log(System.Logger.Level.INFO, "role of {0} changed from {1} to {2} by {3}", userId, from, to, actor);
    }

    private UserRole current(String userId) {
        return roles.assignment(userId)
                .map(held -> new UserRole(userId, held.role(), held.grantedBy(), held.grantedAt()))
                .orElseGet(() -> new UserRole(userId, Role.MEMBER, null, null));
    }

    @Override
    public Page<StaffAuditTrail.Recorded> staffActions(Actor actor, StaffActionFilter filter) {
        if (actor.role() != Role.SUPERADMIN) {
            throw RuleViolation.forbidden("STAFF_AUDIT_DENIED", "only superadmins read the staff audit trail");
        }
        int limit = Cursors.limit(filter.limit());
        Long before = Cursors.decodeLong(CURSOR, filter.cursor());
        List<StaffAuditTrail.Recorded> items = trail.list(new StaffAuditTrail.Query(filter.kind(), filter.actor(),
                filter.subject(), before, limit + 1));
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        var page = items.subList(0, limit);
        return new Page<>(page, Cursors.encode(CURSOR, Long.toString(page.getLast().position())));
    }

    @Override
    public int publishPendingClaims(int limit) {
        return transactions.inTransaction(() -> {
            int published = 0;
            for (RoleRegistry.PendingClaim claim : roles.pendingClaims(limit)) {
                try {
                    claims.publishRole(claim.userId(), claim.role());
                    roles.claimPublished(claim, clock.instant());
                    published++;
                } catch (RuntimeException failed) {
                    log.log(System.Logger.Level.WARNING, "could not publish the role claim of {0} (attempt {1}): {2}",
                            claim.userId(), claim.attempts() + 1, failed.getMessage());
                    roles.claimFailed(claim, String.valueOf(failed.getMessage()), clock.instant());
                }
            }
            return published;
        });
    }
}
