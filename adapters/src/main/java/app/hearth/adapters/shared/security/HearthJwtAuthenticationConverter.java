package app.hearth.adapters.shared.security;

import app.hearth.application.access.CallerRoles;
import app.hearth.domain.access.Role;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Gives a verified token exactly one {@code ROLE_*} authority: the role Hearth records for its subject now, not
 * the role the token claims. A role revoked a second ago is gone on the next request, however long the token
 * still lives (read from {@link CallerRoles}, which every node forgets as a change commits).
 */
public final class HearthJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Logger log = LoggerFactory.getLogger(HearthJwtAuthenticationConverter.class);

    /** The claim (a Firebase custom claim in production) that carries the role for clients; never trusted here. */
    public static final String ROLE_CLAIM = "role";

    private final CallerRoles roles;

    public HearthJwtAuthenticationConverter(CallerRoles roles) {
        this.roles = roles;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Role role = roles.roleOf(jwt.getSubject());
        String claimed = jwt.getClaimAsString(ROLE_CLAIM);
        if (claimed != null && Role.named(claimed).filter(role::equals).isEmpty()) {
            log.debug("token of {} claims role {} but Hearth records {}: Hearth's record wins", jwt.getSubject(),
                    claimed, role);
        }
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(authority(role))), jwt.getSubject());
    }

    public static String authority(Role role) {
        return "ROLE_" + role.name();
    }
}
