package app.hearth.domain.money.payments;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One fact from a payment provider in provider-neutral form.
 *
 * @param provider            who told us: {@code stripe} or {@code adapty}
 * @param providerEventId     the provider's id of the notification (inbox key with {@code provider})
 * @param store               where the purchase was made
 * @param transactionId       the store's id of this charge (Stripe: invoice or payment intent id)
 * @param originalTransactionId the first transaction of a subscription (names the subscription across renewals)
 * @param productRef          the provider's product id (Stripe price id or store product id)
 * @param amountCents         the amount in the currency's smallest unit (0 for events that charge nothing)
 * @param occurredAt          the provider's time of the fact (orders events of one subscription)
 * @param periodEnd           for subscriptions, when the paid period ends; null otherwise
 */
@ValueObject
public record PaymentEvent(String provider, String providerEventId, PaymentEventKind kind, Store store,
                           String transactionId, String originalTransactionId, String productRef, long amountCents,
                           String currency, Instant occurredAt, Instant periodEnd, PurchaserKeys purchaser) {

    public PaymentEvent {
        RuleViolation.requireText(provider, "provider");
        RuleViolation.requireText(providerEventId, "providerEventId");
        RuleViolation.require(kind, "kind");
        RuleViolation.require(store, "store");
        RuleViolation.require(occurredAt, "occurredAt");
        RuleViolation.require(purchaser, "purchaser");
    }

    /**
     * One purchase reported by two providers counts once: the same store, transaction and kind of fact is the
     * same fact (a refund of a transaction is a different fact from its purchase).
     */
    public String dedupeKey() {
        return store.name() + ":" + (transactionId == null ? provider + "-event:" + providerEventId : transactionId)
                + ":" + kind.name();
    }

    /**
     * The key under which facts are applied one after another, in the order they were recorded (ADR 0043): facts
     * with different keys may be applied side by side. A subscription's facts share its {@link #subscriptionKey()}
     * (so they are applied in provider order); any other fact goes by its purchaser's most stable key (the echoed
     * member id, else the Adapty profile, else the Stripe customer), so that one member's purchases and the refunds
     * naming them stay together; failing those, by its own transaction. A fact that waits for one under another key
     * still waits and is released (ADR 0031): keys decide order and parallelism, never whether a fact applies.
     */
    public String orderKey() {
        String subscription = subscriptionKey();
        if (subscription != null) {
            return "subscription:" + subscription;
        }
        if (purchaser.memberId() != null) {
            return "member:" + purchaser.memberId();
        }
        if (purchaser.adaptyProfileId() != null) {
            return "adapty-profile:" + purchaser.adaptyProfileId();
        }
        if (purchaser.stripeCustomerId() != null) {
            return "stripe-customer:" + purchaser.stripeCustomerId();
        }
        return "transaction:" + dedupeKey();
    }

    /** The subscription this event belongs to, when it is about one. */
    public String subscriptionKey() {
        return originalTransactionId == null ? null : store.name() + ":" + originalTransactionId;
    }
}
