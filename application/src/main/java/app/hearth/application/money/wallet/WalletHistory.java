package app.hearth.application.money.wallet;

import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** A wallet's events as the event store holds them: the source of truth, read as an auditor would. */
@SecondaryPort
public interface WalletHistory {

    /** Every event of {@code memberId}'s wallet in order; empty when it was never opened. */
    List<WalletEvent> history(String memberId);

    /**
     * The wallet as its events make it now: by default the fold of {@link #history}; an event store with snapshots
     * folds only the events after the last one (ADR 0041).
     */
    default Wallet current(String memberId) {
        return WalletDecider.replay(history(memberId));
    }

    /** Whether the member's wallet was ever opened (one indexed look-up, no events read). */
    boolean exists(String memberId);
}
