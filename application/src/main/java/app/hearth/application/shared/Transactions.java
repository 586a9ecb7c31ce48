package app.hearth.application.shared;

import java.util.function.Supplier;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Runs work in one database transaction: everything in it commits together or not at all. */
@SecondaryPort
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code work} in a transaction of its own, committed when it returns, even when called inside another
     * transaction (which is suspended meanwhile and may still roll back without undoing it).
     */
    <T> T inNewTransaction(Supplier<T> work);

    /**
     * Runs {@code work} once the transaction in progress has committed, and never if it rolls back; at once when no
     * transaction is in progress. For what may only be believed once it is durable (a node's memory of a fact).
     */
    void afterCommit(Runnable work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
