package app.hearth.adapters.persistence;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The writes a projection collects over one batch of an event processor: created on the batch's first event and
 * flushed once, just before the batch commits together with its tracking token.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    /** The batch's {@code type} writes, created by {@code create} and flushed by {@code flush} on first use. */
    public static <W> W of(Class<W> type, Supplier<W> create, Consumer<W> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException(type.getName() + " is written inside an event processor's unit of work");
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(type.getName(), key -> {
            W writes = create.get();
            batch.onPrepareCommit(unitOfWork -> flush.accept(writes));
            return writes;
        });
    }
}
