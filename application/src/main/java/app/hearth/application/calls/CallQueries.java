package app.hearth.application.calls;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * The calls read model (a projection of the call events; it may lag the event store by a moment).
 *
 * <p><b>Orphaned</b> (ADR 0023): a call that has not ended although by the rules it must have ended more than
 * {@link #ORPHAN_GRACE} ago. When a call must have ended ({@code mustEndBy}) is the decider's own deadlines judged
 * from the stored facts ({@link app.hearth.domain.calls.CallWatch#mustEndBy}), with the timeouts in force:
 * <ul>
 *   <li>ringing: at {@code requestedAt} + the ring timeout (no answer: missed);</li>
 *   <li>accepted: at {@code acceptedAt} + the join timeout (nobody joined: failed);</li>
 *   <li>connected: at the earlier of the last proof of presence ({@code connectedAt}, or the latest
 *       {@code PresenceProven.bothUntil} when later) + the loss timeout + one checkpoint (the watchdog proves a
 *       healthy call present once a minute, so a proof may be up to a minute old), and
 *       {@code max(coveredUntil, connectedAt + 60 s)} (the balance deadline).</li>
 * </ul>
 * A call is orphaned when it has not ended and {@code now > mustEndBy + 15 s}, {@code now} being the database's
 * {@code now()} when the query runs. Orphaned calls must read zero: the persistent deadlines end every call in time.
 */
@SecondaryPort
public interface CallQueries {

    /** How long past its {@code mustEndBy} an unfinished call may still be before it counts as orphaned. */
    Duration ORPHAN_GRACE = Duration.ofSeconds(15);

    /** One call as it stands. {@code state}: ringing, accepted, connected, ended. Times are null until they happen. */
    record CallView(String callId, String memberId, String companionId, CallKind kind, String state,
                    Instant requestedAt, Instant acceptedAt, Instant connectedAt, Instant endedAt,
                    EndReason endReason, String endedBy, long connectedSeconds, long billableSeconds,
                    boolean completed) {
    }

    /**
     * A call that has not ended, as the live board shows it, evaluated at {@code asOf} (the database's now).
     *
     * @param lastProofAt           the last moment both sides were proven present: the later of {@code connectedAt}
     *                              and the latest {@code PresenceProven.bothUntil}; null before the connect
     * @param secondsSinceLastProof whole seconds from {@code lastProofAt} to {@code asOf}; null before the connect
     * @param coveredUntil          the hold covers the call until then (null before the connect)
     * @param coverageFailing       the hold could not be extended past {@code coveredUntil}
     * @param mustEndBy             when the rules say the call must have ended (see the interface)
     * @param orphaned              {@code asOf} is more than {@link #ORPHAN_GRACE} past {@code mustEndBy}
     */
    record LiveCall(CallView call, Instant lastProofAt, Long secondsSinceLastProof, Instant coveredUntil,
                    boolean coverageFailing, Instant mustEndBy, boolean orphaned, Instant asOf) {
    }

    /** How many calls have not ended, whenever they were requested, and how many of those are orphaned. */
    record LiveCounts(long active, long orphaned) {
    }

    /**
     * Figures over the calls requested in [{@code from}, {@code to}) for one companion, or overall
     * ({@code companionId} null): {@code connected} counts calls that reached the connect, {@code completed} those
     * connected and ended by a hang-up or balance exhaustion, {@code active} those not ended yet, {@code orphaned}
     * those of them orphaned now; {@code completionRate} is completed / connected (0 when none connected);
     * {@code averageConnectedSeconds} is the rounded mean of the connected seconds of the connected calls that ended
     * (0 when none).
     */
    record CallStats(String companionId, long requested, long connected, long completed, long active,
                     long orphaned, double completionRate, long averageConnectedSeconds) {
    }

    Optional<CallView> call(String callId);

    /**
     * {@code userId}'s calls as member or companion, newest first (by {@code requestedAt}, then call id);
     * {@code cursor} is the previous page's {@code nextCursor}, or null for the first page ({@code INVALID_CURSOR}
     * when it was not made here); {@code limit} (at least 1) items per page.
     */
    Page<CallView> history(String userId, String cursor, int limit);

    /** Every call that has not ended, oldest first. */
    List<CallView> live();

    /** Whether {@code companionId} is in a call that has not ended (ringing, accepted or connected). */
    boolean inCall(String companionId);

    /** Of {@code companionIds}, how many calls each was requested on {@code day} in {@code zone}; 0s included. */
    java.util.Map<String, Long> callsOn(Set<String> companionIds, LocalDate day, ZoneId zone);

    /** Overall figures first, then one per companion that had calls in the range, by companion id. */
    default List<CallStats> stats(Instant from, Instant to) {
        return stats(from, to, new Reach.Everyone());
    }

    /**
     * As {@link #stats(Instant, Instant)} over only the calls whose companion is within {@code reach}, judged by the
     * companion's team when the query runs (a team move counts at once): the overall figures are {@code reach}'s.
     */
    List<CallStats> stats(Instant from, Instant to, Reach reach);

    /** Every call that has not ended, oldest first, with its last proof and whether it is orphaned. */
    default List<LiveCall> liveBoard() {
        return liveBoard(new Reach.Everyone());
    }

    /** As {@link #liveBoard()} with only the calls whose companion is within {@code reach} (by today's team). */
    List<LiveCall> liveBoard(Reach reach);

    /** The calls that have not ended, and the orphaned ones among them. */
    LiveCounts liveCounts();
}
