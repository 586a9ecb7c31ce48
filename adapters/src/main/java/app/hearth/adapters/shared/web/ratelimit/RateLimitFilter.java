package app.hearth.adapters.shared.web.ratelimit;

import app.hearth.adapters.realtime.websocket.RealtimeWebSocketHandler;
import app.hearth.adapters.shared.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits in Spring Security's filter chain, in two places: {@link SignIn} before authentication (sign-in
 * attempts and failed authentications, per client address) and {@link Callers} after it (writes and reads, per
 * user, or per client address before sign-in). A refused request gets {@code 429} with {@code Retry-After} in
 * seconds and the problem {@code RATE_LIMITED}; it never reaches a controller.
 *
 * <p>The client address is the servlet's remote address. Behind a proxy, set {@code
 * server.forward-headers-strategy} so that it is the caller's, never parse {@code X-Forwarded-For} by hand.
 */
public abstract sealed class RateLimitFilter extends OncePerRequestFilter {

    /** Sign-in endpoints: each attempt takes an {@code auth} token. Future sign-in endpoints belong here. */
    public static final List<RequestMatcher> SIGN_IN = List.of(
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/dev/tokens"));

    /** Never limited: provider webhooks (they retry on their own schedule) and health probes. */
    public static final List<RequestMatcher> EXCLUDED = List.of(
            PathPatternRequestMatcher.pathPattern("/api/v1/webhooks/**"),
            PathPatternRequestMatcher.pathPattern("/actuator/health"),
            PathPatternRequestMatcher.pathPattern("/actuator/health/**"));

    protected final RateLimiter limiter;
    private final JsonMapper json;
    private final MeterRegistry meters;

    RateLimitFilter(RateLimiter limiter, JsonMapper json, MeterRegistry meters) {
        this.limiter = limiter;
        this.json = json;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return EXCLUDED.stream().anyMatch(matcher -> matcher.matches(request));
    }

    /** The WebSocket handshake, which may carry its token in the {@code access_token} query parameter. */
    static final RequestMatcher QUERY_TOKEN = PathPatternRequestMatcher.pathPattern(HttpMethod.GET,
            RealtimeWebSocketHandler.PATH);

    static boolean hasQueryToken(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && query.contains("access_token=") && QUERY_TOKEN.matches(request);
    }

    static boolean isSignIn(HttpServletRequest request) {
        return SIGN_IN.stream().anyMatch(matcher -> matcher.matches(request));
    }

    static String address(HttpServletRequest request) {
        return "ip:" + request.getRemoteAddr();
    }

    void refuse(HttpServletResponse response, RateLimiter.RouteClass routeClass, TokenBucket.Decision decision)
            throws IOException {
        if (meters != null) {
            meters.counter("hearth.rate.limited", "class", routeClass.name().toLowerCase(Locale.ROOT)).increment();
        }
        long seconds = decision.retryAfterSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(response, json, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many " + routeClass.name().toLowerCase(Locale.ROOT) + " requests; retry after " + seconds + " s");
    }

    /**
     * Before authentication, per client address: a sign-in attempt takes an {@code auth} token; a request that
     * ends in {@code 401} is charged one afterwards; while the address has none left, its sign-in attempts and
     * every request that presents a token (header, or the WebSocket handshake's query parameter) are refused (token
     * guessing slows to the refill rate).
     */
    public static final class SignIn extends RateLimitFilter {

        public SignIn(RateLimiter limiter, JsonMapper json, MeterRegistry meters) {
            super(limiter, json, meters);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String address = address(request);
            TokenBucket.Decision decision = TokenBucket.Decision.ALLOWED;
            if (isSignIn(request)) {
                decision = limiter.take(RateLimiter.RouteClass.AUTH, address);
            } else if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || hasQueryToken(request)) {
                decision = limiter.peek(RateLimiter.RouteClass.AUTH, address);
            }
            if (!decision.allowed()) {
                refuse(response, RateLimiter.RouteClass.AUTH, decision);
                return;
            }
            chain.doFilter(request, response);
            if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                limiter.charge(RateLimiter.RouteClass.AUTH, address);
            }
        }
    }

    /**
     * After authentication: writes (POST, PUT, PATCH, DELETE) and reads (GET, HEAD) each take a token from the
     * caller's bucket: the user when signed in, else the client address. Sign-in endpoints are left to
     * {@link SignIn}.
     */
    public static final class Callers extends RateLimitFilter {

        public Callers(RateLimiter limiter, JsonMapper json, MeterRegistry meters) {
            super(limiter, json, meters);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            RateLimiter.RouteClass routeClass = classOf(request);
            if (routeClass != null) {
                TokenBucket.Decision decision = limiter.take(routeClass, caller(request));
                if (!decision.allowed()) {
                    refuse(response, routeClass, decision);
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        private static RateLimiter.RouteClass classOf(HttpServletRequest request) {
            if (isSignIn(request)) {
                return null;
            }
            return switch (request.getMethod().toUpperCase(Locale.ROOT)) {
                case "POST", "PUT", "PATCH", "DELETE" -> RateLimiter.RouteClass.WRITE;
                case "GET", "HEAD" -> RateLimiter.RouteClass.READ;
                default -> null;
            };
        }

        private static String caller(HttpServletRequest request) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)) {
                return "user:" + authentication.getName();
            }
            return address(request);
        }
    }
}
