package app.hearth.adapters.web.realtime;

import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The real-time endpoint {@value #PATH} (adr/0025): a plain WebSocket per signed-in user, over which the server sends
 * JSON messages ({@code {"type": ..., ...}}). The handshake was authenticated by Spring Security and
 * {@link RealtimeHandshake}; the connection belongs to the token's user until it closes or the token expires.
 *
 * <p>Clients need not send anything: the server pings, and a browser answers pings by itself. A client that cannot
 * see pings may send {@code {"type":"ping"}} and gets {@code {"type":"pong"}}; any message counts as a sign of life.
 */
public final class RealtimeWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RealtimeWebSocketHandler.class);

    public static final String PATH = "/api/v1/realtime";
    static final String PING = "{\"type\":\"ping\"}";
    static final String PONG = "{\"type\":\"pong\"}";

    private final RealtimeSessions sessions;
    private final int maxClientMessageBytes;

    /**
     * @param maxClientMessageBytes the largest message a client may send (larger ones close the connection, 1009)
     */
    public RealtimeWebSocketHandler(RealtimeSessions sessions, int maxClientMessageBytes) {
        this.sessions = sessions;
        this.maxClientMessageBytes = maxClientMessageBytes;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        session.setTextMessageSizeLimit(maxClientMessageBytes);
        session.setBinaryMessageSizeLimit(maxClientMessageBytes);
        if (!(session.getAttributes().get(RealtimeHandshake.USER_ID) instanceof String userId)) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("no signed-in user"));
            return;
        }
        Instant expiresAt = (Instant) session.getAttributes().get(RealtimeHandshake.EXPIRES_AT);
        sessions.opened(session, userId, expiresAt);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        sessions.heard(session);
        String text = message.getPayload();
        if (text.length() <= 64 && text.replaceAll("\\s", "").equals(PING)) {
            sessions.reply(session, PONG);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        sessions.heard(session);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable failure) {
        log.debug("real-time connection {} failed: {}", session.getId(), failure.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.closed(session);
    }
}
