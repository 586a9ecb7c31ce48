package app.hearth.adapters.shared.axon.processing;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Handles each event of a marked batch (one that failed before, see {@link FailedBatchRetry}) in a unit of work of
 * its own, inside a savepoint of the batch's transaction. A handler that fails, or whose batched writes
 * ({@code BatchWrites}, flushed when that unit of work commits) fail, then fails alone: the savepoint is rolled back
 * (PostgreSQL would otherwise refuse every further statement of the transaction) and the exception reaches Axon's
 * dead-lettering invoker, which parks that event and lets the rest of the batch commit. Outside a marked batch it
 * changes nothing. Event-sourcing handlers of aggregates are never wrapped.
 */
public class OneEventAtATime implements HandlerEnhancerDefinition {

    /** The resource of a batch unit of work whose events are handled one at a time. */
    static final String MARK = OneEventAtATime.class.getName();

    private final TransactionManager savepoints;

    /** {@code savepoints} opens a savepoint when a transaction is already active (Spring's PROPAGATION_NESTED). */
    public OneEventAtATime(TransactionManager savepoints) {
        this.savepoints = savepoints;
    }

    /** Marks {@code batch}: each of its events is handled in a unit of work and savepoint of its own. */
    static void mark(UnitOfWork<?> batch) {
        batch.resources().put(MARK, Boolean.TRUE);
    }

    static boolean inMarkedBatch() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().getResource(MARK) != null;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (original.annotationAttributes(EventHandler.class).isEmpty()
                || original.annotationAttributes(EventSourcingHandler.class).isPresent()) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!(message instanceof EventMessage<?>) || !inMarkedBatch()) {
                    return super.handle(message, target);
                }
                UnitOfWork<?> alone = DefaultUnitOfWork.startAndGet(message);
                alone.attachTransaction(savepoints);
                ResultMessage<?> result = alone.executeWithResult(() -> super.handle(message, target));
                if (result.isExceptional()) {
                    Throwable failure = result.exceptionResult();
                    if (failure instanceof Exception exception) {
                        throw exception;
                    }
                    throw (Error) failure;
                }
                return result.getPayload();
            }
        };
    }
}
