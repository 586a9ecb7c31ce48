package app.hearth.application.realtime;

import java.util.Collection;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Delivers real-time frames to signed-in users' live connections, on whichever node each is connected to. A frame
 * is a record written as one JSON object that names its own {@code type}. Best effort and at most once: a user with
 * no live connection misses it, and catch-up over REST (or push) covers that. Never throws for delivery problems,
 * never waits on a slow client. Call it after the fact the frame announces has committed.
 */
@SecondaryPort
public interface UserFrames {

    void send(Collection<String> userIds, Object frame);
}
