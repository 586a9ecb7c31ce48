package app.hearth.adapters.axon.calls;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The thin Axon shell around {@link CallDecider}: every command goes to the decider, what it decides is applied, and
 * the state after it is the answer. A request creates the call's stream; every other command needs it to exist.
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
    public CallSession handle(CallCommand.RequestCall command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.AcceptCall command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.DeclineCall command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.CancelCall command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.HangUp command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.JoinRoom command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.ProvePresence command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.ExtendCoverage command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.CoverageNotExtended command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.Expire command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public CallSession handle(CallCommand.EndByStaff command) {
        return decideAndApply(command);
    }

    @EventSourcingHandler
    void on(CallEvent event) {
        callId = aggregateId(event.callId());
        state = CallDecider.evolve(state, event);
    }

    private CallSession decideAndApply(CallCommand command) {
        CallDecider.decide(command, state).forEach(event -> apply(event));
        return state;
    }

    /** The aggregate identifier of call {@code callId}. */
    public static String aggregateId(String callId) {
        return ID_PREFIX + callId;
    }
}
