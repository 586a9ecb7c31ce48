package app.hearth.domain.money.wallet;

/** Where a V2 subscription stands (semantics.md "V2 Tiers"). */
public enum SubscriptionStatus {
    ACTIVE,
    /** Billing failed; access is kept for the provider's grace period. */
    IN_GRACE,
    /** Renewal cancelled; access continues until the paid period ends. */
    CANCELLED_AT_PERIOD_END,
    /** No allowance. */
    EXPIRED
}
