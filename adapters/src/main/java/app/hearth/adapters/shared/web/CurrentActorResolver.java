package app.hearth.adapters.shared.web;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers the signed-in {@link Actor}: the token's subject in the role Hearth records for them. */
public class CurrentActorResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                 NativeWebRequest request, WebDataBinderFactory binders) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw RuleViolation.forbidden("ACCESS_DENIED", "no signed-in user");
        }
        return actorOf(token)
                .orElseThrow(() -> RuleViolation.forbidden("ACCESS_DENIED", "no Hearth role for this user"));
    }

    /** The token's subject in the role its {@code ROLE_*} authority names, if it has one. */
    public static java.util.Optional<Actor> actorOf(JwtAuthenticationToken token) {
        return token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(name -> name != null && name.startsWith("ROLE_"))
                .map(name -> Role.named(name.substring("ROLE_".length())))
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .map(role -> new Actor(token.getName(), role));
    }
}
