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
     * {@code movements} remembers the last {@link #REMEMBERED_MOVEMENTS} in memory; older ones are recalled from the
     * adapters' index when a command needs them ({@link EarningsDecider#keysToRecall}, ADR 0041).
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

        /** How many movements an account remembers in memory (ADR 0041). */
        public static final int REMEMBERED_MOVEMENTS = 256;

        /** This account, also answering for movements it forgot and an earlier look-up {@code found}. */
        public Open recalling(java.util.Map<String, RecordedMovement> found) {
            return found.isEmpty() ? this : new Open(companionId, balance, lifetimeEarned, lifetimePenalties,
                    entryCount, lastHash, movements.recalling(found));
        }
    }
}
