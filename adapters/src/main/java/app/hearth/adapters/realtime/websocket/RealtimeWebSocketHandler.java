package app.hearth.adapters.realtime.websocket;

import app.hearth.application.calls.Calls;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real-time endpoint {@value #PATH} (adr/0025): a plain WebSocket per signed-in user, over which the server sends
 * JSON messages ({@code {"type": ..., ...}}). The handshake was authenticated by Spring Security and
 * {@link RealtimeHandshake}; the connection belongs to the token's user until it closes or the token expires.
 *
 * <p>Clients need not send anything: the server pings, and a browser answers pings by itself. A client that cannot
 * see pings may send {@code {"type":"ping"}} and gets {@code {"type":"pong"}}; any message counts as a sign of life.
 *
 * <p>A participant of a call may send its heartbeats here instead of {@code POST /api/v1/calls/{id}/heartbeats}:
 * {@code {"type":"heartbeat","callId":"...","seq":7}} ({@code seq} optional, echoed) is the same use case as the
 * REST route, for the connection's user, and is answered {@code {"type":"heartbeat","callId":"...","seq":7,"ok":true}}
 * or, refused, with {@code "ok":false} and the REST route's stable {@code code} (e.g. {@code CALL_ENDED}: stop). It
 * saves what a REST request costs each time: the HTTP exchange and the token check.
 */
public final class RealtimeWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RealtimeWebSocketHandler.class);

    public static final String PATH = "/api/v1/realtime";
    static final String PING = "{\"type\":\"ping\"}";
    static final String PONG = "{\"type\":\"pong\"}";

    private final RealtimeSessions sessions;
    private final int maxClientMessageBytes;
    private final Calls calls;
    private final JsonMapper json;

    /**
     * @param maxClientMessageBytes the largest message a client may send (larger ones close the connection, 1009)
     * @param calls                 heartbeats sent over the connection go to this use case
     */
    public RealtimeWebSocketHandler(RealtimeSessions sessions, int maxClientMessageBytes, Calls calls,
                                    JsonMapper json) {
        this.sessions = sessions;
        this.maxClientMessageBytes = maxClientMessageBytes;
        this.calls = calls;
        this.json = json;
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
            return;
        }
        JsonNode received;
        try {
            received = json.readTree(text);
        } catch (JacksonException notJson) {
            sessions.reply(session, "{\"type\":\"error\",\"code\":\"MESSAGE_INVALID\"}");
            return;
        }
        if (received.isObject() && "heartbeat".equals(received.path("type").asString(null))) {
            heartbeat(session, received);
        } else {
            sessions.reply(session, "{\"type\":\"error\",\"code\":\"MESSAGE_INVALID\"}");
        }
    }

    /** The heartbeat use case for the connection's user; answered with ok or the refusal's code. */
    private void heartbeat(WebSocketSession session, JsonNode received) {
        String callId = received.path("callId").asString(null);
        ObjectNode answer = json.createObjectNode().put("type", "heartbeat").put("callId", callId);
        if (received.has("seq")) {
            answer.set("seq", received.get("seq"));
        }
        String userId = (String) session.getAttributes().get(RealtimeHandshake.USER_ID);
        Role role = (Role) session.getAttributes().get(RealtimeHandshake.ROLE);
        try {
            if (callId == null || callId.isBlank()) {
                throw RuleViolation.invalid("CALL_ID_INVALID", "callId", "a heartbeat names its call");
            }
            calls.heartbeat(new Actor(userId, role), callId);
            answer.put("ok", true);
        } catch (RuleViolation refused) {
            answer.put("ok", false).put("code", refused.code());
        } catch (RuntimeException failed) {
            log.warn("a heartbeat of {} for call {} over the real-time connection failed", userId, callId, failed);
            answer.put("ok", false).put("code", "INTERNAL_ERROR");
        }
        sessions.reply(session, json.writeValueAsString(answer));
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
