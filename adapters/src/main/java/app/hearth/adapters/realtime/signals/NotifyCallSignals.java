package app.hearth.adapters.realtime.signals;

import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.calls.CallSignal;
import app.hearth.application.calls.CallSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CallSignals} for several stateless nodes (adr/0025): a signal is queued for the user's connections on this
 * node and published on channel {@value #CHANNEL} as {@code {"u": <user id>, "m": <the message>}}; every other node
 * hands it to that user's connections there. Best effort and at most once, never throwing, never waiting on a
 * client or on the database.
 *
 * <p>A signal is published when {@link #send} is called, whether or not the caller's transaction commits: call it
 * after the fact it announces is committed. A message too large for a notification (about 7.9 kB) reaches only this
 * node's connections, and is logged.
 */
public final class NotifyCallSignals implements CallSignals {

    private static final Logger log = LoggerFactory.getLogger(NotifyCallSignals.class);

    public static final String CHANNEL = "hearth_signals";

    private final RealtimeSessions sessions;
    private final PgNotifications notifications;
    private final CallSignalMessages messages;
    private final JsonMapper json;

    public NotifyCallSignals(RealtimeSessions sessions, PgNotifications notifications, CallSignalMessages messages,
                             JsonMapper json) {
        this.sessions = sessions;
        this.notifications = notifications;
        this.messages = messages;
        this.json = json;
        notifications.subscribe(CHANNEL, this::fromAnotherNode);
    }

    @Override
    public void send(String userId, CallSignal signal) {
        if (userId == null || signal == null) {
            log.warn("a call signal without a user or a signal was not sent: {} {}", userId, signal);
            return;
        }
        try {
            String message = messages.toJson(signal);
            sessions.deliver(userId, message);
            notifications.publish(CHANNEL, "{\"u\":" + json.writeValueAsString(userId) + ",\"m\":" + message + "}");
        } catch (RuntimeException e) {
            log.warn("the {} signal of call {} to {} was not sent: {}", signal.type(), signal.callId(), userId,
                    e.toString());
        }
    }

    private void fromAnotherNode(String payload) {
        JsonNode envelope = json.readTree(payload);
        JsonNode user = envelope.path("u");
        JsonNode message = envelope.path("m");
        if (user.isString() && message.isObject() && sessions.connections(user.asString()) > 0) {
            sessions.deliver(user.asString(), json.writeValueAsString(message));
        }
    }
}
