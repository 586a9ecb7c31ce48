package app.hearth.adapters.shared.jooq;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The writes a projection collects over the unit of work it handles events in: created on its first event and
 * flushed once, just before that unit of work commits. An event processor hands a whole batch to its handlers in
 * one unit of work, committed together with the tracking token; a dead letter being retried, or an event of a failed
 * batch retried on its own, has a unit of work of its own (ADR 0024), so its rows are written, and fail, alone.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    /** The unit of work's {@code type} writes, created by {@code create} and flushed by {@code flush} on first use. */
    public static <W> W of(Class<W> type, Supplier<W> create, Consumer<W> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException(type.getName() + " is written inside an event processor's unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(type.getName(), key -> {
            W writes = create.get();
            unitOfWork.onPrepareCommit(committing -> flush.accept(writes));
            return writes;
        });
    }
}
