package app.hearth.adapters.access.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff roles (grant, revoke, read) and the staff audit trail. */
@RestController
@Tag(name = "Access", description = "Staff roles and the staff audit trail")
public class AccessController {

    public static final String ROLE = "/api/v1/users/{userId}/role";
    public static final String STAFF_ACTIONS = "/api/v1/audit/staff-actions";

    /** The role to grant. */
    public record GrantRequest(@NotBlank String role) {
    }

    /** A user's role as Hearth records it; {@code grantedBy} and {@code grantedAt} are empty for members. */
    public record RoleResponse(String userId, String role, String grantedBy, Instant grantedAt) {
        static RoleResponse of(AccessAdministration.UserRole role) {
            return new RoleResponse(role.userId(), role.role().name().toLowerCase(Locale.ROOT), role.grantedBy(),
                    role.grantedAt());
        }
    }

    /** One staff action: who, what, to whom, when. */
    public record StaffActionResponse(long position, String actionId, String actor, String kind, String subject,
                                      String before, String after, String reason, Instant at) {
        static StaffActionResponse of(StaffAuditTrail.Recorded recorded) {
            var action = recorded.action();
            return new StaffActionResponse(recorded.position(), action.actionId(), action.actor(),
                    action.kind().name(), action.subject(), action.before(), action.after(), action.reason(),
                    action.at());
        }
    }

    /** One page of the trail, newest first. */
    public record StaffActionsResponse(List<StaffActionResponse> items, String nextCursor) {
    }

    private final AccessAdministration access;

    public AccessController(AccessAdministration access) {
        this.access = access;
    }

    @GetMapping(ROLE)
    @Operation(operationId = "getRole",
            summary = "Read a user's role as Hearth records it (admin, superadmin; anyone for themself)")
    public RoleResponse role(@Parameter(hidden = true) Actor actor, @PathVariable String userId) {
        return RoleResponse.of(access.userRole(actor, userId));
    }

    @PutMapping(ROLE)
    @Operation(operationId = "grantRole",
            summary = "Grant a role: a superadmin grants admin; an admin or superadmin grants supervisor and "
            + "companion")
    public RoleResponse grant(@Parameter(hidden = true) Actor actor, @PathVariable String userId,
                              @Valid @RequestBody GrantRequest request) {
        return RoleResponse.of(access.grant(actor, userId, role(request.role())));
    }

    @DeleteMapping(ROLE + "/{role}")
    @ProblemResponses({409})
    @Operation(operationId = "revokeRole",
            summary = "Revoke a role; the user is a member again from their next request, whatever their "
            + "token says")
    public RoleResponse revoke(@Parameter(hidden = true) Actor actor, @PathVariable String userId,
                               @PathVariable String role) {
        return RoleResponse.of(access.revoke(actor, userId, role(role)));
    }

    @GetMapping(STAFF_ACTIONS)
    @Operation(operationId = "listStaffActions",
            summary = "The staff audit trail, newest first (superadmin)")
    public StaffActionsResponse staffActions(@Parameter(hidden = true) Actor actor,
                                             @RequestParam(required = false) String kind,
                                             @RequestParam(required = false) String actorId,
                                             @RequestParam(required = false) String subject,
                                             @RequestParam(required = false) String cursor,
                                             @RequestParam(defaultValue = "50") int limit) {
        StaffActionKind parsed = null;
        if (kind != null) {
            try {
                parsed = StaffActionKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw RuleViolation.invalid("UNKNOWN_STAFF_ACTION_KIND", "kind", "no staff action kind " + kind);
            }
        }
        var page = access.staffActions(actor,
                new AccessAdministration.StaffActionFilter(parsed, actorId, subject, cursor, limit));
        return new StaffActionsResponse(page.items().stream().map(StaffActionResponse::of).toList(),
                page.nextCursor());
    }

    private static Role role(String name) {
        return Role.named(name).orElseThrow(() -> RuleViolation.invalid("UNKNOWN_ROLE", "role",
                "role must be one of member, companion, supervisor, admin, superadmin"));
    }
}
