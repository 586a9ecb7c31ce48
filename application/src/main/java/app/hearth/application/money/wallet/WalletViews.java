package app.hearth.application.money.wallet;

import app.hearth.domain.money.wallet.WalletView;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The query of {@code GET /me/wallet} (ADR 0048): the view of a wallet computed by the domain ({@link WalletView})
 * from its stored state in the read model, at the moment of reading, never from the event store. Read-your-writes
 * on this node: it waits, up to {@code wait}, for the read model to reach the last position this node committed for
 * the wallet ({@link WalletPositions}); after that it answers what the read model holds.
 */
public class WalletViews {

    private static final long POLL_MILLIS = 10;

    private final WalletReadModel readModel;
    private final WalletPositions positions;
    private final Duration wait;
    private final Clock clock;

    public WalletViews(WalletReadModel readModel, WalletPositions positions, Duration wait, Clock clock) {
        this.readModel = readModel;
        this.positions = positions;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * The wallet now, once the read model holds at least sequence {@code atLeast} of it and what this node committed
     * of it; empty when, after waiting, it holds no wallet for the member. With nothing to wait for (no position
     * known and {@code atLeast} below 0) it answers at once.
     */
    public Optional<WalletView> current(String memberId, long atLeast) {
        long awaited = Math.max(atLeast, positions.lastCommitted(memberId));
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<WalletReadModel.StoredWallet> stored = readModel.wallet(memberId);
        while (!reached(stored, awaited) && System.nanoTime() < deadline) {
            pause();
            stored = readModel.wallet(memberId);
        }
        return stored.map(wallet -> WalletView.of(wallet.state(), clock.instant()));
    }

    private static boolean reached(Optional<WalletReadModel.StoredWallet> stored, long awaited) {
        return awaited < 0 || stored.map(wallet -> wallet.sequence() >= awaited).orElse(false);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the wallet read model", interrupted);
        }
    }
}
