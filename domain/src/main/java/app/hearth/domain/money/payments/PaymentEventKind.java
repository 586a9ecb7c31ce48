package app.hearth.domain.money.payments;

/** What a payment event says happened (semantics.md, "Payment events", step 3). */
public enum PaymentEventKind {
    /** A one-time purchase: a token pack or a moment pack. */
    ONE_TIME_PURCHASE,
    SUBSCRIPTION_STARTED,
    SUBSCRIPTION_RENEWED,
    /** Renewal cancelled: access continues until the period ends. */
    SUBSCRIPTION_CANCELLED,
    SUBSCRIPTION_REACTIVATED,
    SUBSCRIPTION_EXPIRED,
    /** Billing failed; access kept during the provider's grace period. */
    BILLING_ISSUE,
    REFUNDED,
    /** Recorded for the member's history; moves nothing (for example Adapty's access_level_updated). */
    INFORMATIONAL
}
