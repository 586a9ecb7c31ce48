package app.hearth.adapters.earnings.axon;

import app.hearth.application.earnings.EarningsCommandBus;
import app.hearth.application.earnings.EntryReceipt;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.shared.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends earnings commands through Axon. A concurrent append to the same account (another node) is retried on
 * the fresh state; a second opening of an account becomes the business conflict it is, never a sequence error.
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
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (AggregateNotFoundException missing) {
                throw RuleViolation.notFound(EarningsDecider.ACCOUNT_NOT_FOUND,
                        "companion " + command.companionId() + " has no earnings account");
            } catch (ConcurrencyException raced) {
                if (attempt == ATTEMPTS) {
                    throw RuleViolation.conflict("CONCURRENT_UPDATE", "the earnings account of companion "
                            + command.companionId() + " kept changing concurrently; retry the request");
                }
                log.debug("account {} changed concurrently, retrying {} (attempt {})", command.companionId(),
                        command.getClass().getSimpleName(), attempt + 1);
                pause(attempt);
            }
        }
    }

    /**
     * A short random pause before the next attempt: writers that collided on one account retry at different
     * moments instead of colliding again in lock-step (without it, two busy nodes could exhaust every attempt).
     */
    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 3L));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an earnings command", interrupted);
        }
    }
}
