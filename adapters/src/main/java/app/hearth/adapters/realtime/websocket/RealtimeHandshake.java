package app.hearth.adapters.realtime.websocket;

import app.hearth.adapters.shared.web.CurrentActorResolver;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Binds a real-time connection to its user. Spring Security has already verified the bearer token (the same
 * decoder and converter as the REST API; SecurityConfiguration) and answered 401 without one; this takes the
 * token's subject as the user id, exactly as the REST API's actor, and its expiry, after which the connection is
 * closed. A handshake that reaches it without a verified, unexpired token is refused with 401 all the same.
 */
public final class RealtimeHandshake implements HandshakeInterceptor {

    static final String USER_ID = "hearth.userId";
    static final String EXPIRES_AT = "hearth.tokenExpiresAt";
    /** The role Hearth recorded for the user at the handshake (the REST API's actor role). */
    static final String ROLE = "hearth.role";

    private final Clock clock;

    public RealtimeHandshake(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (!(request.getPrincipal() instanceof JwtAuthenticationToken token) || !token.isAuthenticated()
                || token.getName() == null) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        Instant expiresAt = token.getToken().getExpiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(USER_ID, token.getName());
        attributes.put(ROLE, CurrentActorResolver.actorOf(token).map(Actor::role).orElse(Role.MEMBER));
        if (expiresAt != null) {
            attributes.put(EXPIRES_AT, expiresAt);
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
        // nothing to do: the handler registers the connection once it is open
    }
}
