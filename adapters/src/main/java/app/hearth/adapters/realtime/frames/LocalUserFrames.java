package app.hearth.adapters.realtime.frames;

import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.application.realtime.UserFrames;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link UserFrames} for one node ({@code hearth.realtime.fan-out=local}, adr/0046): the frame is written once and
 * handed to this node's connections of each user. Connections on other nodes do not get it.
 */
public final class LocalUserFrames implements UserFrames {

    private static final Logger log = LoggerFactory.getLogger(LocalUserFrames.class);

    private final RealtimeSessions sessions;
    private final JsonMapper json;

    public LocalUserFrames(RealtimeSessions sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public void send(Collection<String> userIds, Object frame) {
        try {
            var users = FannedOutUserFrames.distinct(userIds);
            if (users.isEmpty()) {
                return;
            }
            String message = json.writeValueAsString(frame);
            for (String userId : users) {
                sessions.deliver(userId, message);
            }
        } catch (RuntimeException e) {
            log.warn("a {} frame to {} was not sent: {}", frame == null ? null : frame.getClass().getSimpleName(),
                    userIds, e.toString());
        }
    }
}
