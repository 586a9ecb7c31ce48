package app.hearth.adapters.money.wallet.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.hearth.adapters.shared.axon.state.IdempotencyRecords;
import app.hearth.domain.money.wallet.CarriedOut;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand.ApplyPayment;
import app.hearth.domain.money.wallet.WalletCommand.CaptureHold;
import app.hearth.domain.money.wallet.WalletCommand.ChangeTimeZone;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.GrantTokens;
import app.hearth.domain.money.wallet.WalletCommand.MigrateWallet;
import app.hearth.domain.money.wallet.WalletCommand.OpenWallet;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletCommand.ReleaseHold;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletDecision;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletReceipt;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The thin Axon shell around {@link WalletDecider}: one handler per command that asks the decider and applies what
 * it decided, one event-sourcing handler that folds events into the state. No business rule lives here.
 *
 * <p>Its fields are its snapshot, as JSON ({@link WalletAxonConfiguration#walletSnapshotShapes}); {@code @Revision}
 * names their shape: raise it when the state's shape changes, and older snapshots are passed over (ADR 0041).
 */
@Aggregate(type = "Wallet", commandTargetResolver = "walletCommandTargetResolver", cache = "walletCache",
        snapshotTriggerDefinition = "walletSnapshotTrigger")
@Revision("1")
public class WalletAggregate {

    /** Axon keys streams by identifier alone, across aggregate types: ids carry their type as a prefix. */
    public static final String ID_PREFIX = "wallet:";

    @AggregateIdentifier
    private String walletId;
    private Wallet state = WalletDecider.initialState();

    protected WalletAggregate() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public WalletAggregate(OpenWallet command) {
        WalletDecider.decide(command, state).forEach(event -> apply(event));
    }

    @CommandHandler
    public WalletReceipt handle(ChangeTimeZone command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(GrantTokens command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    /**
     * A payment the wallet parks ({@link WalletDecider#decision}) is an answer, not a failure: nothing is applied
     * and the receipt says why, so the unit of work (and the payment pipeline's transaction it joins) is not rolled
     * back and the caller parks the fact.
     */
    @CommandHandler
    public WalletReceipt handle(ApplyPayment command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(PlaceHold command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(ExtendHold command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(CaptureHold command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(ReleaseHold command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(ChargeMessage command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @CommandHandler
    public WalletReceipt handle(MigrateWallet command, IdempotencyRecords records) {
        return decideAndApply(command, records);
    }

    @EventSourcingHandler
    void on(WalletEvent event) {
        walletId = aggregateId(event.memberId());
        state = WalletDecider.evolve(state, event);
    }

    /**
     * Decides on the state, recalling from {@code records} the movement ids the decider needs that the wallet forgot
     * (none while it forgot nothing: no query), applies what was decided and writes down what it recorded, in the
     * command's transaction (ADR 0041).
     */
    private WalletReceipt decideAndApply(WalletCommand command, IdempotencyRecords records) {
        Map<String, CarriedOut> recalled = records.find(walletId, WalletDecider.keysToRecall(command, state),
                CarriedOut.class);
        Wallet before = state;
        WalletDecision decision = WalletDecider.decision(command, WalletDecider.recalling(state, recalled));
        decision.events().forEach(event -> apply(event));
        records.record(walletId, WalletDecider.recordedBetween(before, state));
        return WalletDecider.receipt(command, WalletDecider.recalling(state, recalled), decision);
    }

    /** The wallet this shell holds: what a snapshot of it gives back ({@link AxonWalletHistory#current}). */
    Wallet state() {
        return state;
    }

    /** The aggregate identifier of {@code memberId}'s wallet. */
    public static String aggregateId(String memberId) {
        return ID_PREFIX + memberId;
    }
}
