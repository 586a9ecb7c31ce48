package app.hearth.adapters.calls.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallTimeouts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The thin Axon shell around {@link CallDecider}: every command goes to the decider, what it decides is applied, and
 * the state after it is the answer. A request creates the call's stream; every other command needs it to exist.
 * The configured {@link CallTimeouts} (a Spring bean) is resolved by Axon as each handler's second parameter.
 */
@Aggregate(type = "Call", commandTargetResolver = "callCommandTargetResolver")
public class CallAggregate {

    /** Axon keys streams by identifier alone, across aggregate types: ids carry their type as a prefix. */
    public static final String ID_PREFIX = "call:";

    @AggregateIdentifier
    private String callId;
    private CallSession state = CallDecider.initialState();

    protected CallAggregate() {
        // for Axon's event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CallSession handle(CallCommand.RequestCall command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.AcceptCall command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.DeclineCall command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.CancelCall command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.HangUp command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.JoinRoom command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.ProvePresence command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.ExtendCoverage command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.CoverageNotExtended command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.Expire command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @CommandHandler
    public CallSession handle(CallCommand.EndByStaff command, CallTimeouts timeouts) {
        return decideAndApply(command, timeouts);
    }

    @EventSourcingHandler
    void on(CallEvent event) {
        callId = aggregateId(event.callId());
        state = CallDecider.evolve(state, event);
    }

    private CallSession decideAndApply(CallCommand command, CallTimeouts timeouts) {
        CallDecider.decide(command, state, timeouts).forEach(event -> apply(event));
        return state;
    }

    /** The aggregate identifier of call {@code callId}. */
    public static String aggregateId(String callId) {
        return ID_PREFIX + callId;
    }
}
