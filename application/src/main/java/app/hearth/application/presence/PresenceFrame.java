package app.hearth.application.presence;

import app.hearth.domain.presence.PresenceReason;
import java.time.Instant;
import java.util.List;

/**
 * The real-time frame staff get when a companion's presence changes: {@code {"type":"presence","companionId",
 * "state","since","reasons","position"}} ({@code position} in the change log: the board's cursor).
 */
public record PresenceFrame(String type, String companionId, String state, Instant since, List<PresenceReason> reasons,
                            long position) {
}
