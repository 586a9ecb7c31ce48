package app.hearth.domain.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.money.wallet.Wallet.Open;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read model keeps a wallet in its stored shape ({@link Open#asStored}) and folds it with
 * {@link WalletDecider#evolveStored} (ADR 0048). For the seeded random histories of {@link WalletSimulationTest}
 * (every operation of every version, migrations, time passing): after every event the stored fold equals the
 * stored shape of the aggregate's fold, and the view computed from the stored shape equals the view of the whole
 * state at the event's time, a day later and 91 days later (V2 days reset, V3 packs expire).
 */
class StoredWalletTest {

    static final int SEEDS = 12;
    static final int OPERATIONS = 1_500;

    @Test
    void theStoredFoldAndItsViewAgreeWithTheAggregatesAfterEveryEvent() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            var simulation = new WalletSimulationTest.Simulation(seed);
            simulation.run(OPERATIONS);
            Wallet full = WalletDecider.initialState();
            Wallet stored = WalletDecider.initialState();
            int index = 0;
            for (WalletEvent event : simulation.wallet.events) {
                full = WalletDecider.evolve(full, event);
                stored = WalletDecider.evolveStored(stored, event);
                Open whole = (Open) full;
                assertThat(stored).as("seed %s, event %s: %s", seed, index, event).isEqualTo(whole.asStored());
                for (Instant at : List.of(event.at(), event.at().plus(Duration.ofDays(1)),
                        event.at().plus(Duration.ofDays(91)))) {
                    assertThat(WalletView.of((Open) stored, at)).as("seed %s, event %s at %s", seed, index, at)
                            .isEqualTo(WalletView.of(whole, at));
                }
                index++;
            }
        }
    }

    @Test
    void theStoredShapeKeepsNoMovementIdsRefundedKeysOrChatWindows() {
        var driver = WalletFixtures.Driver.open(app.hearth.domain.money.catalog.MonetizationVersion.V3_MOMENTS, "UTC");
        Open stored = driver.wallet().asStored();
        assertThat(stored.recorded().entries()).isEmpty();
        assertThat(stored.refunded()).isEmpty();
        assertThat(stored.moments().chatWindows()).isEmpty();
        assertThat(stored.asStored()).isEqualTo(stored);
    }
}
