package app.hearth.application.presence;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * What the shifts tell presence: a companion's clocking, reported in the clocking's own transaction, so presence and
 * the shift never disagree. Each call records the fact and derives the companion's presence again. Repeating a fact
 * changes nothing.
 */
@SecondaryPort
public interface ShiftPresence {

    /** The companion started shift {@code shiftId}. */
    void shiftStarted(String companionId, String shiftId, Instant at);

    /** The companion went on a break in their started shift. */
    void breakStarted(String companionId, String shiftId, Instant at);

    /** The companion came back from their break. */
    void breakEnded(String companionId, String shiftId, Instant at);

    /** The companion's started shift ended (stopped by them, or ended by staff). */
    void shiftEnded(String companionId, String shiftId, Instant at);
}
