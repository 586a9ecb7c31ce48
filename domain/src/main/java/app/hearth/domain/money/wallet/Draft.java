package app.hearth.domain.money.wallet;

import app.hearth.domain.money.wallet.Wallet.Open;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one decision so far, and the state they lead to (folded without the idempotency index, which a
 * decision does not need: its movement id was checked before). The rules classes emit into it.
 */
final class Draft {

    private final List<WalletEvent> events = new ArrayList<>();
    private Open state;

    Draft(Open state) {
        this.state = state;
    }

    /** The wallet after the events emitted so far. */
    Open state() {
        return state;
    }

    List<WalletEvent> events() {
        return List.copyOf(events);
    }

    void emit(WalletEvent event) {
        events.add(event);
        state = (Open) WalletEvolution.evolve(state, event, false);
    }

    /** The next movement of the wallet. */
    Movement movement(String movementId, MovementKind kind, MeterUnit unit, long amount, long balanceAfter,
                      String reference, Instant at) {
        return movement(movementId, kind, unit, amount, balanceAfter, reference, at, 0);
    }

    /** A movement numbered after the {@code earlier} ones of the same event still to be emitted. */
    Movement movement(String movementId, MovementKind kind, MeterUnit unit, long amount, long balanceAfter,
                      String reference, Instant at, int earlier) {
        return new Movement(state.movements() + 1 + earlier, movementId, kind, unit, amount, balanceAfter,
                reference, at);
    }
}
