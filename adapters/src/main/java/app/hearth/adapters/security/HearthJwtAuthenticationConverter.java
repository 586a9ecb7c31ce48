package app.hearth.adapters.security;

import app.hearth.domain.access.Role;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns a verified token's {@code role} claim into exactly one {@code ROLE_*} authority (none if unknown). */
public final class HearthJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    /** The claim (a Firebase custom claim in production) that holds the user's role. */
    public static final String ROLE_CLAIM = "role";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        var authorities = Role.named(jwt.getClaimAsString(ROLE_CLAIM))
                .map(role -> List.of(new SimpleGrantedAuthority("ROLE_" + role.name())))
                .orElse(List.of());
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
