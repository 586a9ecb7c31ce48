package app.hearth.domain.money.payments;

import java.util.Locale;

/**
 * Whose money a payment event moves (ADR 0032): a provider's test mode or sandbox ({@code TEST}), or real money
 * ({@code LIVE}). A Hearth installation applies the events of one environment only; the others are recorded and
 * not applied.
 */
public enum PaymentEnvironment {
    TEST,
    LIVE;

    /** {@code test} or {@code live}, as configured and shown to operators. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a fact from this environment where the other one is applied. */
    public String notAppliedCode() {
        return name() + "_PAYMENT_NOT_APPLIED";
    }

    /**
     * What a provider says of a notification: Stripe's {@code livemode} ({@code live} / {@code test}), Adapty's
     * {@code environment} ({@code Production} / {@code Sandbox}). Only a notification that says it is live is
     * live: one that says nothing is test money.
     */
    public static PaymentEnvironment ofProvider(String said) {
        return said != null && ("live".equalsIgnoreCase(said.trim()) || "production".equalsIgnoreCase(said.trim()))
                ? LIVE : TEST;
    }
}
