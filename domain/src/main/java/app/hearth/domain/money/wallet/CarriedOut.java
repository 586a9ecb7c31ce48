package app.hearth.domain.money.wallet;

import app.hearth.domain.shared.IdempotencyIndex;

/**
 * What a carried-out command recorded in its wallet's {@link IdempotencyIndex}, under its movement id, so that a
 * retry is answered like the original: its kind, the units it moved or reserved ({@code amount}), what it gave
 * back ({@code released}, for holds) and its outcome (for payments). {@code sequence} numbers the records from 1.
 */
public record CarriedOut(long sequence, String kind, long amount, long released, String outcome)
        implements IdempotencyIndex.Sequenced {
}
