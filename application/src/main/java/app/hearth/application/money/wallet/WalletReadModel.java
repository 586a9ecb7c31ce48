package app.hearth.application.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.MovementKind;
import app.hearth.domain.money.wallet.Wallet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The query side of wallets: balances and movements as the projection keeps them. */
@SecondaryPort
public interface WalletReadModel {

    /** A wallet's version and the balances its movements leave. */
    record Balance(String memberId, MonetizationVersion version, long tokenBalance, long momentBalance,
                   long movements, Instant updatedAt) {
    }

    /** One movement as stored by the projection. */
    record MovementRow(long position, String movementId, MovementKind kind, MeterUnit unit, long amount,
                       long balanceAfter, String reference, Instant occurredAt) {
    }

    /**
     * A wallet as the projection keeps it (ADR 0048): its stored shape ({@link Wallet.Open#asStored}) after the
     * event of aggregate sequence {@code sequence}, the last one it applied.
     */
    record StoredWallet(Wallet.Open state, long sequence) {
    }

    Optional<Balance> balance(String memberId);

    /** The wallet's stored state, read from the read model only; empty while the projection has not seen it open. */
    Optional<StoredWallet> wallet(String memberId);

    /** Movements newest first, strictly before {@code beforePosition} when it is set. */
    List<MovementRow> movements(String memberId, Long beforePosition, int limit);
}
