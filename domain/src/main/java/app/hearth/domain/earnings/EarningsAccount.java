package app.hearth.domain.earnings;

import app.hearth.domain.shared.IdempotencyIndex;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

/** The state of a companion's earnings account, as a sum type: not opened yet, or open. */
public sealed interface EarningsAccount {

    /** The state before the account's first event. */
    EarningsAccount UNOPENED = new Unopened();

    /** No account has been opened for this companion. */
    record Unopened() implements EarningsAccount {
    }

    /**
     * An open account. {@code lifetimeEarned} sums activity credits; {@code lifetimePenalties} sums penalties
     * still in force (a reversal takes its penalty out); {@code balance} may be negative after penalties.
     */
    @AggregateRoot
    record Open(
            @Identity String companionId,
            long balance,
            long lifetimeEarned,
            long lifetimePenalties,
            long entryCount,
            String lastHash,
            IdempotencyIndex<RecordedMovement> movements) implements EarningsAccount {
    }
}
