package app.hearth.adapters.realtime.websocket;

import app.hearth.application.calls.Calls;
import app.hearth.application.chat.ChatTyping;
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
 *
 * <p>A conversation's participant says they are typing with {@code {"type":"typing","conversationId":"..."}} (and
 * {@code "stopped":true} when they stopped): the other participant's connections get a {@code typing} frame
 * ({@link ChatTyping}). Nothing is answered, except {@code {"type":"error","code":"CONVERSATION_NOT_FOUND",...}} to
 * anyone else; beyond {@value #TYPING_BURST} typing messages in a burst, refilled {@value #TYPING_PER_SECOND} a
 * second, a connection's typing messages are dropped unread.
 *
 * <p>The app says whether it is in the foreground with {@code {"type":"app","state":"foreground"}} (or
 * {@code "background"}) on each connection and each change; a companion's connections and reports decide their
 * presence (adr/0053).
 */
public final class RealtimeWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RealtimeWebSocketHandler.class);

    public static final String PATH = "/api/v1/realtime";
    static final String PING = "{\"type\":\"ping\"}";
    static final String PONG = "{\"type\":\"pong\"}";
    static final String INVALID = "{\"type\":\"error\",\"code\":\"MESSAGE_INVALID\"}";
    /** Typing messages one connection may send at once, and how many a second it gets back. */
    static final int TYPING_BURST = 5;
    static final int TYPING_PER_SECOND = 5;
    private static final String TYPING_BUDGET = "hearth.realtime.typingBudget";

    private final RealtimeSessions sessions;
    private final int maxClientMessageBytes;
    private final Calls calls;
    private final ChatTyping typing;
    private final JsonMapper json;
    private final PresenceReports presence;

    /**
     * @param maxClientMessageBytes the largest message a client may send (larger ones close the connection, 1009)
     * @param calls                 heartbeats sent over the connection go to this use case
     * @param typing                chat's typing signals sent over the connection go to this one
     * @param presence              a companion's connections and app reports go to presence (adr/0053)
     */
    public RealtimeWebSocketHandler(RealtimeSessions sessions, int maxClientMessageBytes, Calls calls,
                                    ChatTyping typing, JsonMapper json, PresenceReports presence) {
        this.presence = presence;
        this.sessions = sessions;
        this.maxClientMessageBytes = maxClientMessageBytes;
        this.calls = calls;
        this.typing = typing;
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
        session.getAttributes().put(TYPING_BUDGET, new Budget(TYPING_BURST, TYPING_PER_SECOND));
        sessions.opened(session, userId, expiresAt);
        if (session.getAttributes().get(RealtimeHandshake.ROLE) == Role.COMPANION) {
            presence.opened(userId);
        }
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
            sessions.reply(session, INVALID);
            return;
        }
        String type = received.isObject() ? received.path("type").asString(null) : null;
        if ("heartbeat".equals(type)) {
            heartbeat(session, received);
        } else if ("typing".equals(type)) {
            typing(session, received);
        } else if ("app".equals(type)) {
            app(session, received);
        } else {
            sessions.reply(session, INVALID);
        }
    }

    /**
     * The typing use case for the connection's user, within the connection's budget (beyond it: dropped unread).
     * Nothing is answered unless it is refused.
     */
    private void typing(WebSocketSession session, JsonNode received) {
        if (session.getAttributes().get(TYPING_BUDGET) instanceof Budget budget && !budget.take(System.nanoTime())) {
            return;
        }
        String conversationId = received.path("conversationId").asString(null);
        JsonNode stopped = received.path("stopped");
        if (conversationId == null || conversationId.isBlank() || !(stopped.isMissingNode() || stopped.isBoolean())) {
            sessions.reply(session, INVALID);
            return;
        }
        String userId = (String) session.getAttributes().get(RealtimeHandshake.USER_ID);
        Role role = (Role) session.getAttributes().get(RealtimeHandshake.ROLE);
        try {
            typing.typing(new Actor(userId, role), conversationId, stopped.asBoolean(false));
        } catch (RuleViolation refused) {
            sessions.reply(session, json.writeValueAsString(json.createObjectNode().put("type", "error")
                    .put("code", refused.code()).put("conversationId", conversationId)));
        } catch (RuntimeException failed) {
            log.warn("a typing signal of {} in conversation {} failed", userId, conversationId, failed);
            sessions.reply(session, json.writeValueAsString(json.createObjectNode().put("type", "error")
                    .put("code", "INTERNAL_ERROR").put("conversationId", conversationId)));
        }
    }

    /**
     * The app says whether it is in the foreground: {@code {"type":"app","state":"foreground"|"background"}}, sent on
     * each connection and each change. A companion's report goes to presence (adr/0053); nothing is answered, and
     * another user's report is ignored.
     */
    private void app(WebSocketSession session, JsonNode received) {
        String state = received.path("state").asString(null);
        if (!"foreground".equals(state) && !"background".equals(state)) {
            sessions.reply(session, INVALID);
            return;
        }
        if (session.getAttributes().get(RealtimeHandshake.ROLE) == Role.COMPANION) {
            presence.app((String) session.getAttributes().get(RealtimeHandshake.USER_ID), "foreground".equals(state));
        }
    }

    /** A token bucket of one connection: {@code burst} at most, {@code perSecond} back every second. */
    static final class Budget {
        private final int burst;
        private final double perNano;
        private double tokens;
        private long at;

        Budget(int burst, int perSecond) {
            this.burst = burst;
            this.perNano = perSecond / 1e9;
            this.tokens = burst;
            this.at = System.nanoTime();
        }

        synchronized boolean take(long now) {
            tokens = Math.min(burst, tokens + (now - at) * perNano);
            at = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
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
        if (session.getAttributes().get(RealtimeHandshake.ROLE) == Role.COMPANION
                && session.getAttributes().get(RealtimeHandshake.USER_ID) instanceof String userId) {
            presence.closed(userId);
        }
    }
}
