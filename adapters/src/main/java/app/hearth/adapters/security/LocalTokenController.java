package app.hearth.adapters.security;

import app.hearth.application.access.AccessAdministration;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The local issuer's endpoint: a signed token for any user id and role, so the API can be tried at once. */
@RestController
@Tag(name = "Local tokens", description = "Only while hearth.auth.local-issuer.enabled=true; never in production")
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "hearth.auth.local-issuer.enabled", havingValue = "true")
public class LocalTokenController {

    public static final String PATH = "/api/v1/dev/tokens";
    /** How the staff audit trail names this endpoint when it sets a role. */
    public static final String PROCESS = "local-token-issuer";

    /** Who the token is for. */
    public record TokenRequest(@NotBlank String userId, @NotBlank String role) {
    }

    /** A bearer token to send as {@code Authorization: Bearer <token>}. */
    public record TokenResponse(String token, String tokenType, Instant expiresAt) {
    }

    private final LocalTokenIssuer issuer;
    private final AccessAdministration access;

    public LocalTokenController(LocalTokenIssuer issuer, AccessAdministration access) {
        this.issuer = issuer;
        this.access = access;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(operationId = "issueLocalToken",
            summary = "Sign a local token for any user id and role (member, companion, supervisor, admin, "
            + "superadmin), and record that role for the user in Hearth (roles come from Hearth's record, not "
            + "from the token)")
    public TokenResponse issue(@Valid @RequestBody TokenRequest request) {
        Role role = Role.named(request.role()).orElseThrow(() -> RuleViolation.invalid("UNKNOWN_ROLE", "role",
                "role must be one of member, companion, supervisor, admin, superadmin"));
        access.assignBySystem(PROCESS, request.userId(), role);
        var token = issuer.issue(request.userId(), role);
        return new TokenResponse(token.token(), "Bearer", token.expiresAt());
    }
}
