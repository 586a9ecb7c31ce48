package app.hearth.adapters.earnings.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.hearth.application.earnings.EntryReceipt;
import app.hearth.adapters.shared.axon.state.IdempotencyRecords;
import app.hearth.domain.earnings.EarningsAccount;
import app.hearth.domain.earnings.RecordedMovement;
import java.util.Map;
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
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The thin Axon shell around {@link EarningsDecider}: one handler per command that asks the decider and applies
 * what it decided, one event-sourcing handler that folds events into the state. No business rule lives here.
 */
@Aggregate(type = "EarningsAccount", cache = "earningsAccountCache",
        commandTargetResolver = "hearthCommandTargetResolver", snapshotTriggerDefinition = "earningsAccountSnapshotTrigger")
@Revision("1")
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
        EarningsDecider.decide(command, state).forEach(event -> apply(event));
    }

    @CommandHandler
    public EntryReceipt handle(CreditActivity command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public EntryReceipt handle(ApplyPenalty command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public EntryReceipt handle(ReversePenalty command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public EntryReceipt handle(CorrectBalance command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @EventSourcingHandler
    void on(EarningsEvent event) {
        accountId = aggregateId(event.companionId());
        state = EarningsDecider.evolve(state, event);
    }

    /**
     * Decides on the state, recalling from {@code records} the movements the decider needs that the account forgot
     * (none while it forgot nothing: no query), applies what was decided and writes down what it recorded, in the
     * command's transaction (ADR 0041).
     */
    private EntryReceipt decideAndApply(EarningsCommand command, IdempotencyRecords records) {
        Map<String, RecordedMovement> recalled = records.find(accountId,
                EarningsDecider.keysToRecall(command, state), RecordedMovement.class);
        EarningsAccount before = state;
        List<EarningsEvent> events = EarningsDecider.decide(command, EarningsDecider.recalling(state, recalled));
        events.forEach(event -> apply(event));
        records.record(accountId, EarningsDecider.recordedBetween(before, state));
        return EarningsDecider.recordedMovement(command, EarningsDecider.recalling(state, recalled))
                .map(movement -> new EntryReceipt(movement.entryId(), movement.position(), movement.coins(),
                        movement.balanceAfter(), events.isEmpty()))
                .orElse(null);
    }

    /** The aggregate identifier of {@code companionId}'s earnings account. */
    public static String aggregateId(String companionId) {
        return ID_PREFIX + companionId;
    }
}
