package app.hearth.adapters.money.wallet.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The thin Axon shell around {@link WalletDecider}: one handler per command that asks the decider and applies what
 * it decided, one event-sourcing handler that folds events into the state. No business rule lives here.
 */
@Aggregate(type = "Wallet", commandTargetResolver = "walletCommandTargetResolver")
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
        decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(ChangeTimeZone command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(GrantTokens command) {
        return decideAndApply(command);
    }

    /**
     * A payment the wallet parks ({@link WalletDecider#decision}) is an answer, not a failure: nothing is applied
     * and the receipt says why, so the unit of work (and the payment pipeline's transaction it joins) is not rolled
     * back and the caller parks the fact.
     */
    @CommandHandler
    public WalletReceipt handle(ApplyPayment command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(PlaceHold command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(ExtendHold command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(CaptureHold command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(ReleaseHold command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(ChargeMessage command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public WalletReceipt handle(MigrateWallet command) {
        return decideAndApply(command);
    }

    @EventSourcingHandler
    void on(WalletEvent event) {
        walletId = aggregateId(event.memberId());
        state = WalletDecider.evolve(state, event);
    }

    private WalletReceipt decideAndApply(WalletCommand command) {
        WalletDecision decision = WalletDecider.decision(command, state);
        decision.events().forEach(event -> apply(event));
        if (command instanceof OpenWallet) {
            return null;
        }
        return WalletDecider.receipt(command, state, decision);
    }

    /** The aggregate identifier of {@code memberId}'s wallet. */
    public static String aggregateId(String memberId) {
        return ID_PREFIX + memberId;
    }
}
