package app.hearth.adapters.earnings.axon;

import app.hearth.application.earnings.EarningsCommandBus;
import app.hearth.application.earnings.EntryReceipt;
import app.hearth.application.shared.Retry;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends earnings commands through Axon. A concurrent append to the same account (another node) is retried on
 * the fresh state (by the caller, whole, when the command joined the caller's transaction: ADR 0019); a second
 * opening of an account becomes the business conflict it is, never a sequence error.
 */
@Component
public class AxonEarningsCommandBus implements EarningsCommandBus {

    private static final Logger log = LoggerFactory.getLogger(AxonEarningsCommandBus.class);
    static final int ATTEMPTS = 25;

    private final CommandGateway gateway;

    public AxonEarningsCommandBus(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void open(EarningsCommand.OpenEarningsAccount command) {
        try {
            gateway.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyThere) {
            throw RuleViolation.conflict(EarningsDecider.ACCOUNT_ALREADY_OPEN,
                    "the earnings account of companion " + command.companionId() + " is already open");
        }
    }

    @Override
    public EntryReceipt record(EarningsCommand command) {
        // inside a caller's transaction (chat's) the failed append has aborted it: only the caller can try again, whole
        int attempts = TransactionSynchronizationManager.isActualTransactionActive() ? 1 : ATTEMPTS;
        return Retry.onTransientConflict(attempts, () -> {
            try {
                return gateway.sendAndWait(command);
            } catch (AggregateNotFoundException missing) {
                throw RuleViolation.notFound(EarningsDecider.ACCOUNT_NOT_FOUND,
                        "companion " + command.companionId() + " has no earnings account");
            } catch (ConcurrencyException raced) {
                log.debug("account {} changed concurrently ({})", command.companionId(),
                        command.getClass().getSimpleName());
                throw new TransientConflict("the earnings account of companion " + command.companionId()
                        + " kept changing concurrently; retry the request", raced);
            }
        });
    }
}
