package app.hearth.adapters.money.wallet.axon;

import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.shared.Retry;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletReceipt;
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
 * Sends wallet commands through Axon. Within a node Axon serializes the commands of one wallet; between nodes a
 * concurrent append surfaces as a sequence conflict, and the command is retried (after a short random pause) on the
 * fresh state, so nothing is decided on a stale balance. Inside a caller's transaction (the payment pipeline's) a
 * conflict cannot be retried here: the failed append has aborted that database transaction, so the conflict goes
 * back to the caller, which retries its whole transaction (ADR 0019).
 */
@Component
public class AxonWalletCommandBus implements WalletCommandBus {

    private static final Logger log = LoggerFactory.getLogger(AxonWalletCommandBus.class);
    static final int ATTEMPTS = 25;

    private final CommandGateway gateway;

    public AxonWalletCommandBus(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void open(WalletCommand.OpenWallet command) {
        try {
            gateway.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyThere) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw busy(command, alreadyThere);
            }
            log.debug("wallet of {} is open already", command.memberId());
        }
    }

    @Override
    public WalletReceipt send(WalletCommand command) {
        // inside a caller's transaction the failed append has aborted it: only the caller can try again, whole
        int attempts = TransactionSynchronizationManager.isActualTransactionActive() ? 1 : ATTEMPTS;
        return Retry.onTransientConflict(attempts, () -> {
            try {
                return gateway.sendAndWait(command);
            } catch (AggregateNotFoundException missing) {
                throw RuleViolation.notFound(WalletDecider.WALLET_NOT_FOUND,
                        "member " + command.memberId() + " has no wallet");
            } catch (ConcurrencyException raced) {
                log.debug("wallet {} changed concurrently ({})", command.memberId(),
                        command.getClass().getSimpleName());
                throw busy(command, raced);
            }
        });
    }

    private static TransientConflict busy(WalletCommand command, Exception raced) {
        return new TransientConflict("the wallet of member " + command.memberId()
                + " changed concurrently; retry the request", raced);
    }
}
