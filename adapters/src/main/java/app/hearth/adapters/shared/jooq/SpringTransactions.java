package app.hearth.adapters.shared.jooq;

import app.hearth.application.shared.Transactions;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The application's transactions are Spring's: jOOQ and Axon's JDBC storage join them. */
@Component
public class SpringTransactions implements Transactions {

    private final TransactionTemplate template;
    private final TransactionTemplate newTemplate;

    public SpringTransactions(PlatformTransactionManager manager) {
        this.template = new TransactionTemplate(manager);
        this.newTemplate = new TransactionTemplate(manager);
        newTemplate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public <T> T inNewTransaction(Supplier<T> work) {
        return newTemplate.execute(status -> work.get());
    }

    @Override
    public void afterCommit(Runnable work) {
        runAfterCommit(work);
    }

    /**
     * Runs {@code work} after the Spring transaction in progress commits (the outermost one that really commits),
     * never after a rollback; at once when no transaction synchronization is active.
     */
    public static void runAfterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
