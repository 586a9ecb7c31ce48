package app.hearth.adapters.shared.axon.processing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a processor's failed batch one event at a time. A projection writes a whole batch in a few statements
 * just before it commits, so a row that cannot be written fails the batch, not the event that made it: the
 * dead-letter queue would never see it and the processor would retry the same batch forever. After a batch of this
 * processor rolled back, its next batch is marked for {@link OneEventAtATime}: each event then commits or fails in a
 * savepoint of its own, the failing one is dead-lettered, and once such a batch commits the processor goes back to
 * whole batches.
 */
final class FailedBatchRetry implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(FailedBatchRetry.class);
    private static final String SEEN = FailedBatchRetry.class.getName();

    private final String processor;
    private final AtomicBoolean lastBatchFailed = new AtomicBoolean();

    FailedBatchRetry(String processor) {
        this.processor = processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> batch = unitOfWork.root();
        if (batch instanceof BatchingUnitOfWork<?> && batch.resources().putIfAbsent(SEEN, Boolean.TRUE) == null) {
            if (lastBatchFailed.get()) {
                OneEventAtATime.mark(batch);
                batch.afterCommit(committed -> {
                    if (lastBatchFailed.compareAndSet(true, false)) {
                        log.info("{}: the batch retried one event at a time went through; back to whole batches",
                                processor);
                    }
                });
            }
            batch.onRollback(failed -> {
                if (lastBatchFailed.compareAndSet(false, true)) {
                    log.warn("{}: a batch failed ({}); it is retried one event at a time so that only an event that"
                            + " fails again waits, in the dead-letter queue", processor, cause(failed));
                }
            });
        }
        return interceptorChain.proceed();
    }

    private static String cause(UnitOfWork<?> failed) {
        var result = failed.getExecutionResult();
        return result == null || result.getExceptionResult() == null ? "no cause given"
                : String.valueOf(result.getExceptionResult());
    }
}
