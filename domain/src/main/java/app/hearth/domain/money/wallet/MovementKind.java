package app.hearth.domain.money.wallet;

/** Why units moved in or out of a wallet. */
public enum MovementKind {
    TOKENS_GRANTED,
    TOKENS_PURCHASED,
    MOMENTS_PURCHASED,
    /** A refund took back a purchase's unspent units. */
    PURCHASE_REFUNDED,
    /** Moments of a pack that expired unused. */
    MOMENTS_EXPIRED,
    CALL_CHARGED,
    MESSAGE_CHARGED,
    /** The old version's side of a migration: its units leave. */
    MIGRATED_OUT,
    /** The new version's side of a migration: the converted units arrive. */
    MIGRATED_IN
}
