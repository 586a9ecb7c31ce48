package app.hearth.adapters.realtime.frames;

import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.application.realtime.UserFrames;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link UserFrames} for several nodes (adr/0046): the frame is written once, handed to this node's connections of
 * each user, and passed to the other nodes by a {@link FrameFanOut} with the same user ids. Never throws, never
 * waits on a client or on the transport.
 */
public final class FannedOutUserFrames implements UserFrames {

    private static final Logger log = LoggerFactory.getLogger(FannedOutUserFrames.class);

    private final RealtimeSessions sessions;
    private final FrameFanOut fanOut;
    private final JsonMapper json;

    public FannedOutUserFrames(RealtimeSessions sessions, FrameFanOut fanOut, JsonMapper json) {
        this.sessions = sessions;
        this.fanOut = fanOut;
        this.json = json;
    }

    @Override
    public void send(Collection<String> userIds, Object frame) {
        try {
            var users = distinct(userIds);
            if (users.isEmpty()) {
                return;
            }
            String message = json.writeValueAsString(frame);
            for (String userId : users) {
                sessions.deliver(userId, message);
            }
            fanOut.publish(users, message);
        } catch (RuntimeException e) {
            log.warn("a {} frame to {} was not sent: {}", frame == null ? null : frame.getClass().getSimpleName(),
                    userIds, e.toString());
        }
    }

    /** The user ids once each, in the caller's order, without nulls: a user named twice gets the frame once. */
    static LinkedHashSet<String> distinct(Collection<String> userIds) {
        var users = new LinkedHashSet<String>();
        if (userIds != null) {
            userIds.stream().filter(Objects::nonNull).forEach(users::add);
        }
        return users;
    }
}
