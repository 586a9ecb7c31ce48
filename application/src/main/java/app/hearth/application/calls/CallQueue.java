package app.hearth.application.calls;

import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * The members waiting for anyone (semantics.md, "Routing"): a FIFO line per language, at most one place per member.
 * A place is left exactly once: by the ring that answers it (in the ring's transaction), the member's cancel, or the
 * sweep at its {@code expiresAt}.
 */
@SecondaryPort
public interface CallQueue {

    /**
     * A member's place: their request ({@code requestId}, how many decisions it had, {@code attempt}), the call id the
     * ring will use, the kind, the filters (as {@link app.hearth.application.routing.Router#encode} stores them) and
     * the companions already offered.
     */
    record Waiting(String memberId, String language, String requestId, int attempt, String callId, CallKind kind,
                   String filters, Set<String> excluded, Instant enqueuedAt, Instant expiresAt) {
        public Waiting {
            excluded = Set.copyOf(excluded);
        }
    }

    /** Takes a place at the end of its language's line; false (the first place kept) when the member already waits. */
    boolean join(Waiting waiting);

    Optional<Waiting> of(String memberId);

    /** The member's place in their language's line, 1 for the head; 0 when not waiting. */
    long position(String memberId);

    /** Leaves the place of request {@code requestId}; false when it was already left. */
    boolean leave(String memberId, String requestId);

    boolean anyWaiting();

    /** The places whose {@code expiresAt} is not after {@code now}, oldest first. */
    List<Waiting> expired(Instant now, int limit);

    /** The places, every line in its order (oldest first over all lines). */
    List<Waiting> inOrder(int limit);

    /** Runs {@code work} when no other node is dispatching (a cluster-wide lock), else not; true when it ran. */
    boolean exclusively(Runnable work);
}
