package app.hearth.domain.shifts;

import app.hearth.domain.presence.PresenceState;
import java.time.Instant;

/** A companion's derived presence became {@code state} at {@code at} (as presence recorded it). */
public record PresenceChange(PresenceState state, Instant at) {
}
