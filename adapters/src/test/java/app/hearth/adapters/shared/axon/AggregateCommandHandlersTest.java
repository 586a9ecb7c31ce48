package app.hearth.adapters.shared.axon;

import static app.hearth.adapters.shared.axon.CommandHandlers.assertEachCommandHasExactlyOneHandler;

import app.hearth.adapters.calls.axon.CallAggregate;
import app.hearth.adapters.earnings.axon.EarningsAccountAggregate;
import app.hearth.adapters.money.wallet.axon.WalletAggregate;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.money.wallet.WalletCommand;
import org.junit.jupiter.api.Test;

/** Every command of every aggregate has exactly one handler in its Axon shell ({@link CommandHandlers}). */
class AggregateCommandHandlersTest {

    @Test
    void everyCallCommandHasExactlyOneHandler() {
        assertEachCommandHasExactlyOneHandler(CallCommand.class, CallAggregate.class);
    }

    @Test
    void everyWalletCommandHasExactlyOneHandler() {
        assertEachCommandHasExactlyOneHandler(WalletCommand.class, WalletAggregate.class);
    }

    @Test
    void everyEarningsCommandHasExactlyOneHandler() {
        assertEachCommandHasExactlyOneHandler(EarningsCommand.class, EarningsAccountAggregate.class);
    }
}
