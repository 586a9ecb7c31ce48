package app.hearth.application.calls;

import app.hearth.application.shared.Page;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * The calls read model (a projection of the call events; it may lag the event store by a moment).
 */
@SecondaryPort
public interface CallQueries {

    /** One call as it stands. {@code state}: ringing, accepted, connected, ended. Times are null until they happen. */
    record CallView(String callId, String memberId, String companionId, CallKind kind, String state,
                    Instant requestedAt, Instant acceptedAt, Instant connectedAt, Instant endedAt,
                    EndReason endReason, String endedBy, long connectedSeconds, long billableSeconds,
                    boolean completed) {
    }

    /** Figures over the calls requested in [{@code from}, {@code to}) for one companion, or overall. */
    record CallStats(String companionId, long requested, long connected, long completed, long active,
                     long orphaned, double completionRate, long averageConnectedSeconds) {
    }

    Optional<CallView> call(String callId);

    /** {@code userId}'s calls as member or companion, newest first. */
    Page<CallView> history(String userId, String cursor, int limit);

    /** Every call that has not ended, oldest first. */
    List<CallView> live();

    /** Whether {@code companionId} is in a call that has not ended (ringing, accepted or connected). */
    boolean inCall(String companionId);

    /** Of {@code companionIds}, how many calls each was requested on {@code day} in {@code zone}; 0s included. */
    java.util.Map<String, Long> callsOn(Set<String> companionIds, LocalDate day, ZoneId zone);

    /** Overall figures first, then one per companion that had calls in the range. */
    List<CallStats> stats(Instant from, Instant to);
}
