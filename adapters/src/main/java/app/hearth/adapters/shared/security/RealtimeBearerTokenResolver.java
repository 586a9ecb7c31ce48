package app.hearth.adapters.shared.security;

import app.hearth.adapters.realtime.websocket.RealtimeWebSocketHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Where the bearer token is read: the {@code Authorization} header everywhere, and for the WebSocket handshake
 * ({@code GET} {@value RealtimeWebSocketHandler#PATH}) also the {@code access_token} query parameter (RFC 6750
 * section 2.3), because a browser cannot set headers on a WebSocket. Both at once are refused (401). A token in a URL
 * may end up in proxy logs and histories, so it is accepted there only (adr/0025).
 */
public final class RealtimeBearerTokenResolver implements BearerTokenResolver {

    /** The query parameter that may carry the token of a WebSocket handshake. */
    public static final String QUERY_PARAMETER = "access_token";

    private static final RequestMatcher HANDSHAKE = PathPatternRequestMatcher.pathPattern(HttpMethod.GET,
            RealtimeWebSocketHandler.PATH);

    private final DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

    public RealtimeBearerTokenResolver() {
        headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return isHandshake(request) ? headerOrQuery.resolve(request) : headerOnly.resolve(request);
    }

    private static boolean isHandshake(HttpServletRequest request) {
        return HANDSHAKE.matches(request);
    }
}
