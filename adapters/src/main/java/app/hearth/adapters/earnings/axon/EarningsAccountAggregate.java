package app.hearth.adapters.earnings.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.hearth.application.earnings.EntryReceipt;
import app.hearth.domain.earnings.EarningsAccount;
import app.hearth.domain.earnings.EarningsCommand.ApplyPenalty;
import app.hearth.domain.earnings.EarningsCommand.CorrectBalance;
import app.hearth.domain.earnings.EarningsCommand.CreditActivity;
import app.hearth.domain.earnings.EarningsCommand.OpenEarningsAccount;
import app.hearth.domain.earnings.EarningsCommand.ReversePenalty;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.earnings.EarningsEvent;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The thin Axon shell around {@link EarningsDecider}: one handler per command that asks the decider and applies
 * what it decided, one event-sourcing handler that folds events into the state. No business rule lives here.
 */
@Aggregate(type = "EarningsAccount", cache = "earningsAccountCache",
        commandTargetResolver = "hearthCommandTargetResolver")
public class EarningsAccountAggregate {

    /** Axon keys streams by identifier alone, across aggregate types: ids carry their type as a prefix. */
    public static final String ID_PREFIX = "earnings:";

    @AggregateIdentifier
    private String accountId;
    private EarningsAccount state = EarningsDecider.initialState();

    protected EarningsAccountAggregate() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public EarningsAccountAggregate(OpenEarningsAccount command) {
        decideAndApply(command);
    }

    @CommandHandler
    public EntryReceipt handle(CreditActivity command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public EntryReceipt handle(ApplyPenalty command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public EntryReceipt handle(ReversePenalty command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public EntryReceipt handle(CorrectBalance command) {
        return decideAndApply(command);
    }

    @EventSourcingHandler
    void on(EarningsEvent event) {
        accountId = aggregateId(event.companionId());
        state = EarningsDecider.evolve(state, event);
    }

    private EntryReceipt decideAndApply(EarningsCommand command) {
        List<EarningsEvent> events = EarningsDecider.decide(command, state);
        events.forEach(event -> apply(event));
        return EarningsDecider.recordedMovement(command, state)
                .map(movement -> new EntryReceipt(movement.entryId(), movement.position(), movement.coins(),
                        movement.balanceAfter(), events.isEmpty()))
                .orElse(null);
    }

    /** The aggregate identifier of {@code companionId}'s earnings account. */
    public static String aggregateId(String companionId) {
        return ID_PREFIX + companionId;
    }
}
