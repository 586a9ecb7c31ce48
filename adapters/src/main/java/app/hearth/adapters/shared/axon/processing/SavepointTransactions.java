package app.hearth.adapters.shared.axon.processing;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon transactions on Spring's that begin a transaction when none is in progress and open a savepoint inside one
 * (PROPAGATION_NESTED). Axon's own {@code SpringTransactionManager} commits and rolls back only a transaction it
 * began, so a savepoint would never be rolled back, and after a failed statement PostgreSQL would refuse everything
 * else the batch's transaction still has to do; here a savepoint is released on commit and rolled back on rollback.
 */
final class SavepointTransactions implements TransactionManager {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactionManager;

    SavepointTransactions(PlatformTransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactionManager.getTransaction(NESTED);
        return new Transaction() {
            @Override
            public void commit() {
                if (!status.isCompleted()) {
                    transactionManager.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (!status.isCompleted()) {
                    transactionManager.rollback(status);
                }
            }
        };
    }
}
