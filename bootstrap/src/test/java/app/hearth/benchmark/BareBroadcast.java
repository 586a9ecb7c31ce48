package app.hearth.benchmark;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The chat benchmark's limit for fan-out: a bare WebSocket broadcast handler, added to the benchmark's application
 * only (an extra source of {@link BenchApp#start}; no stereotype, so the tests' component scan never finds it). A
 * client connects to {@value #SOCKET}{@code ?user=<id>} (no authentication); {@code POST} {@value #POST}{@code
 * ?to=<id>,<id>} with frames as text, one per line, sends each frame to each named user's socket from the request
 * thread (through Spring's {@link ConcurrentWebSocketSessionDecorator}, as little as a correct handler can do): no
 * token, no transaction, no JSON, no mailbox. Driven like chat (HTTP posts, the same frames, the same recipients), it
 * gives the frames per second the node can deliver when nothing else is done.
 */
final class BareBroadcast {

    static final String SOCKET = "/bench/broadcast/socket";
    static final String POST = "/bench/broadcast";

    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

    /** Before Hearth's chains: {@code /bench/**} is open (the benchmark's own routes, never Hearth's). */
    @Bean
    @Order(0)
    SecurityFilterChain benchBroadcastSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/bench/**").csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(routes -> routes.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    WebSocketConfigurer benchBroadcastSocket() {
        return registry -> registry.addHandler(new TextWebSocketHandler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                String user = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("user");
                sessions.put(user, new ConcurrentWebSocketSessionDecorator(session, 10_000, 4 * 1024 * 1024));
                session.getAttributes().put("user", user);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                sessions.remove((String) session.getAttributes().get("user"));
            }
        }, SOCKET);
    }

    @Bean
    RouterFunction<ServerResponse> benchBroadcastRoute() {
        return RouterFunctions.route().POST(POST, request -> {
            String[] frames = request.body(String.class).split("\n");
            for (String user : request.param("to").orElse("").split(",")) {
                WebSocketSession session = sessions.get(user);
                if (session == null) {
                    continue;
                }
                for (String frame : frames) {
                    try {
                        session.sendMessage(new TextMessage(frame));
                    } catch (IOException | RuntimeException e) {
                        return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).body(e.toString());
                    }
                }
            }
            return ServerResponse.noContent().build();
        }).build();
    }
}
