package app.hearth.domain.money.payments;

/**
 * How two reports of one fact combine (semantics.md "Payment events": providers deliver twice, and one purchase
 * reported by two providers counts once): the fact first recorded stands, with who told us, when and what kind of
 * fact it is; a later report only fills in what the first did not say (a purchaser key, the product, the
 * subscription, the amount, the currency, the end of the period). It never overwrites what the first said.
 */
public final class RepeatedReports {

    private RepeatedReports() {
    }

    /** The stored fact with its gaps filled in from {@code later}, a later report of the same fact. */
    public static PaymentEvent merge(PaymentEvent stored, PaymentEvent later) {
        PurchaserKeys a = stored.purchaser();
        PurchaserKeys b = later.purchaser();
        PurchaserKeys keys = new PurchaserKeys(first(a.memberId(), b.memberId()),
                first(a.adaptyProfileId(), b.adaptyProfileId()), first(a.stripeCustomerId(), b.stripeCustomerId()),
                first(a.email(), b.email()));
        return new PaymentEvent(stored.provider(), stored.providerEventId(), stored.kind(), stored.store(),
                stored.transactionId(), first(stored.originalTransactionId(), later.originalTransactionId()),
                first(stored.productRef(), later.productRef()),
                stored.amountCents() != 0 ? stored.amountCents() : later.amountCents(),
                first(stored.currency(), later.currency()), stored.occurredAt(),
                first(stored.periodEnd(), later.periodEnd()), keys);
    }

    private static <T> T first(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
