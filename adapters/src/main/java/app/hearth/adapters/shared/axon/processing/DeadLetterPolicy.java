package app.hearth.adapters.shared.axon.processing;

import app.hearth.domain.shared.TransientConflict;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of an event a handler of the processing group failed on. A failure of the event itself (a row the
 * read model refuses, a handler that throws on it) dead-letters it, never drops it, with its cause and the number of
 * attempts so far (diagnostics {@code attempts}). A failure of the surroundings (the database unreachable, a
 * deadlock, a statement cancelled, a table missing) would fail every event alike, and a race lost to another writer
 * (Axon's transient failures: an aggregate that changed concurrently, a lock not acquired; and the
 * {@link TransientConflict} Hearth's command buses give after their own retries) succeeds when tried
 * again: neither is the event's fault, so nothing is dead-lettered and the batch fails, to be retried by the
 * processor with back-off within seconds, as before ADR 0024.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);
    static final String ATTEMPTS = "attempts";

    /**
     * SQLSTATE classes of failures that are not about the row: connection (08), invalid transaction state (25),
     * transaction rollback (40), syntax or missing object (42), insufficient resources (53), object not in
     * prerequisite state such as a lock not available (55), operator intervention (57), system error (58).
     */
    static final Set<String> SURROUNDINGS = Set.of("08", "25", "40", "42", "53", "55", "57", "58");

    private final String processingGroup;

    DeadLetterPolicy(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        EventMessage<?> event = letter.message();
        String aggregate = event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() + "#" + domain.getSequenceNumber() : "-";
        if (isAboutTheSurroundings(cause)) {
            log.warn("{}: event {} ({}) failed for a reason outside the event; not dead-lettered, the batch is retried:"
                    + " {}", processingGroup, event.getIdentifier(), aggregate, String.valueOf(cause));
            throw new SurroundingsFailed(cause);
        }
        Object before = letter.diagnostics().get(ATTEMPTS);
        long attempts = (before instanceof Number number ? number.longValue() : 0) + 1;
        log.warn("{}: event {} ({}, {}) is dead-lettered after attempt {}; later events of its aggregate wait behind"
                + " it: {}", processingGroup, event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregate,
                attempts, String.valueOf(cause));
        return Decisions.enqueue(ThrowableCause.truncated(cause),
                deadLetter -> deadLetter.diagnostics().and(ATTEMPTS, attempts));
    }

    static boolean isAboutTheSurroundings(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof AxonTransientException
                    || cause instanceof TransientConflict) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && SURROUNDINGS.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    /** Thrown instead of deciding: the processor fails the batch and retries it later. */
    static final class SurroundingsFailed extends RuntimeException {
        SurroundingsFailed(Throwable cause) {
            super("not dead-lettered, the failure is not the event's: " + cause, cause);
        }
    }
}
