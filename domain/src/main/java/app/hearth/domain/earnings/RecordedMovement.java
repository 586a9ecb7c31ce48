package app.hearth.domain.earnings;

import app.hearth.domain.shared.IdempotencyIndex;

/**
 * One movement an account recorded, as far as idempotency needs it: found in the account's
 * {@link IdempotencyIndex} under its entry id and the key of what caused it (source reference, moderation case,
 * correction key, reversed penalty).
 */
public record RecordedMovement(long position, String entryId, EntryKind kind, long coins, long balanceAfter,
                               String fingerprint) implements IdempotencyIndex.Sequenced {

    /** Movements are sequenced by their ledger position. */
    @Override
    public long sequence() {
        return position;
    }
}
