package app.hearth.application.media;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The media server's rooms: grants one participant the right to join one room for a short while. */
@SecondaryPort
public interface MediaRooms {

    /** The longest join window: a leaked token is useless a minute later. */
    Duration MAX_JOIN_WINDOW = Duration.ofSeconds(60);

    /**
     * A token for {@code identity} to join {@code room} (publish and subscribe audio, video and data) between
     * {@code now} and {@code now + joinWindow}.
     *
     * @throws RuleViolation JOIN_WINDOW_INVALID when the window is not positive or longer than 60 s
     */
    MediaAccess grant(String room, String identity, String displayName, Duration joinWindow, Instant now);

    /** Checks a join window against {@link #MAX_JOIN_WINDOW}; returns it. */
    static Duration requireJoinWindow(Duration joinWindow) {
        RuleViolation.require(joinWindow, "joinWindow");
        if (joinWindow.isNegative() || joinWindow.isZero() || joinWindow.compareTo(MAX_JOIN_WINDOW) > 0) {
            throw RuleViolation.invalid("JOIN_WINDOW_INVALID", "joinWindow",
                    "a join window is more than 0 and at most " + MAX_JOIN_WINDOW.toSeconds() + " s, not "
                            + joinWindow);
        }
        return joinWindow;
    }
}
