package app.hearth.domain.money.wallet;

import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a wallet keeps of a {@link PaymentEvent}: the fact without the purchaser's keys (who paid is already
 * resolved to this wallet's member).
 */
@ValueObject
public record PaymentFacts(String provider, String providerEventId, PaymentEventKind kind, Store store,
                           String transactionId, String originalTransactionId, String productRef, long amountCents,
                           String currency, Instant occurredAt, Instant periodEnd) {

    public PaymentFacts {
        RuleViolation.requireText(provider, "provider");
        RuleViolation.requireText(providerEventId, "providerEventId");
        RuleViolation.require(kind, "kind");
        RuleViolation.require(store, "store");
        RuleViolation.require(occurredAt, "occurredAt");
    }

    public static PaymentFacts of(PaymentEvent event) {
        return new PaymentFacts(event.provider(), event.providerEventId(), event.kind(), event.store(),
                event.transactionId(), event.originalTransactionId(), event.productRef(), event.amountCents(),
                event.currency(), event.occurredAt(), event.periodEnd());
    }

    /** The purchase this fact is about ({@code STORE:transaction}), the key of a token lot or moment pack. */
    public String purchaseKey() {
        return store.name() + ":" + (transactionId != null ? transactionId : originalTransactionId);
    }

    /** The purchase's first transaction, which a refund may name instead of the charge itself. */
    public String originalPurchaseKey() {
        return originalTransactionId == null ? null : store.name() + ":" + originalTransactionId;
    }

    /** The subscription this fact is about: its original transaction, else the product at that store. */
    public String subscriptionKey() {
        if (originalTransactionId != null) {
            return store.name() + ":" + originalTransactionId;
        }
        return store.name() + ":" + (transactionId != null ? transactionId : "product:" + productRef);
    }
}
