package app.hearth.application.routing;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.routing.RoutingDecision;
import app.hearth.domain.routing.RoutingRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The record of every routing decision, written in the transaction that acts on it. */
@SecondaryPort
public interface RoutingLog {

    /** How many of a decision's candidates are kept with their reasons (the count of all is kept too). */
    int CANDIDATES_KEPT = 20;

    /**
     * One decision: {@code attempt} counts the offers of one request (1 to 3); {@code purpose} CALL or CONVERSATION;
     * {@code callId} the call rung (null for a conversation or when nobody was offered); {@code chosenId} the
     * companion offered, or null; {@code candidates} the first {@link #CANDIDATES_KEPT} in order with their reasons
     * of {@code candidateCount}; {@code waitedSeconds} how long the member waited in the queue before it, if they did.
     */
    record Entry(long position, String requestId, int attempt, String purpose, String memberId, String kind,
                 String filters, String callId, String chosenId, RoutingRule rule, int candidateCount,
                 List<RoutingDecision.Ranked> candidates, Long waitedSeconds, Instant decidedAt) {
        public Entry {
            candidates = List.copyOf(candidates);
        }
    }

    void record(Entry entry);

    /** The decision that rang {@code callId}, if routing rang it. */
    Optional<Entry> forCall(String callId);

    /** The decisions of one request, by attempt. */
    List<Entry> ofRequest(String requestId);

    /** The decisions within {@code reach} (by the chosen companion's team now), newest first. */
    Page<Entry> page(Reach reach, String cursor, int limit);
}
