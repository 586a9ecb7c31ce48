package app.hearth.application.presence;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * What the other features tell presence about a companion (besides the shifts, {@link ShiftPresence}): the calls,
 * the conversations and the real-time connections. Each fact is recorded and the presence derived again in the
 * caller's transaction (a fact that changes nothing writes nothing but its row); a change of state reaches the
 * staff's connections after commit. Repeating a fact changes nothing.
 */
@SecondaryPort
public interface CompanionFacts {

    /** The companion is in call {@code callId} (rung to them): busy until it ends. */
    void callStarted(String companionId, String callId, Instant at);

    /** Call {@code callId} of the companion ended (an end of another call changes nothing). */
    void callEnded(String companionId, String callId, Instant at);

    /** A message was stored in one of the companion's conversations: their open conversations are counted again. */
    void conversationsChanged(String companionId, Instant at);

    /** A connection of the companion opened on {@code nodeId} (their most recent: presence follows it). */
    void connected(String companionId, String nodeId, Instant at);

    /** The companion's last connection on {@code nodeId} closed (ignored when their connection is on another). */
    void disconnected(String companionId, String nodeId, Instant at);

    /** The app of the companion's connection on {@code nodeId} reported the foreground, or the background. */
    void appReported(String companionId, String nodeId, boolean foreground, Instant at);

    /** Tells nothing: for tests and command-line runs. */
    CompanionFacts NONE = new CompanionFacts() {
        @Override
        public void callStarted(String companionId, String callId, Instant at) {
        }

        @Override
        public void callEnded(String companionId, String callId, Instant at) {
        }

        @Override
        public void conversationsChanged(String companionId, Instant at) {
        }

        @Override
        public void connected(String companionId, String nodeId, Instant at) {
        }

        @Override
        public void disconnected(String companionId, String nodeId, Instant at) {
        }

        @Override
        public void appReported(String companionId, String nodeId, boolean foreground, Instant at) {
        }
    };
}
