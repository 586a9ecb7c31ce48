package app.hearth.adapters.shared.security;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.access.AccessAdministration;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
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

    /** The code of the 403 a caller that is not on this machine gets while remote callers are not allowed. */
    public static final String LOOPBACK_ONLY = "LOCAL_ISSUER_LOOPBACK_ONLY";

    private final LocalTokenIssuer issuer;
    private final AccessAdministration access;
    private final boolean allowRemote;

    public LocalTokenController(LocalTokenIssuer issuer, AccessAdministration access,
                                @Value("${hearth.auth.local-issuer.allow-remote:false}") boolean allowRemote) {
        this.issuer = issuer;
        this.access = access;
        this.allowRemote = allowRemote;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @ProblemResponses(403)
    @Operation(operationId = "issueLocalToken",
            summary = "Sign a local token for any user id and role (member, companion, supervisor, admin, "
            + "superadmin), and record that role for the user in Hearth (roles come from Hearth's record, not "
            + "from the token)")
    public TokenResponse issue(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        refuseRemoteCaller(allowRemote, http.getRemoteAddr());
        Role role = Role.named(request.role()).orElseThrow(() -> RuleViolation.invalid("UNKNOWN_ROLE", "role",
                "role must be one of member, companion, supervisor, admin, superadmin"));
        access.assignBySystem(PROCESS, request.userId(), role);
        var token = issuer.issue(request.userId(), role);
        return new TokenResponse(token.token(), "Bearer", token.expiresAt());
    }

    /**
     * Refuses (403 {@value #LOOPBACK_ONLY}) a caller whose address is not a loopback one, unless remote callers
     * are allowed ({@code hearth.auth.local-issuer.allow-remote}). The address is the connection's peer: Hearth
     * trusts no forwarding header for it.
     */
    static void refuseRemoteCaller(boolean allowRemote, String remoteAddress) {
        if (allowRemote || loopback(remoteAddress)) {
            return;
        }
        throw RuleViolation.forbidden(LOOPBACK_ONLY, "the local token issuer answers only callers on this machine "
                + "(hearth.auth.local-issuer.allow-remote=false); " + remoteAddress + " is not one");
    }

    private static boolean loopback(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return false; // only an IP literal is looked at, never a name to resolve
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
