package app.hearth.adapters.calls.axon;

import app.hearth.application.calls.CallCommandBus;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends call commands through Axon. The caller's transaction is joined; a concurrent append to the same call (from
 * another node) has aborted it, so the conflict goes back as a {@link TransientConflict} and the caller retries its
 * whole transaction (ADR 0019).
 */
@Component
public class AxonCallCommandBus implements CallCommandBus {

    private final CommandGateway gateway;

    public AxonCallCommandBus(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public CallSession send(CallCommand command) {
        try {
            return gateway.sendAndWait(command);
        } catch (AggregateNotFoundException missing) {
            throw RuleViolation.notFound(CallDecider.CALL_NOT_FOUND, "no call " + command.callId());
        } catch (ConcurrencyException | AggregateStreamCreationException raced) {
            throw new TransientConflict("call " + command.callId() + " changed concurrently; retry the request",
                    raced);
        }
    }
}
