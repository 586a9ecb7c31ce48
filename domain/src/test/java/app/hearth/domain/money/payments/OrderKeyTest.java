package app.hearth.domain.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which facts are applied one after another (ADR 0043): a subscription's together, else a purchaser's. */
class OrderKeyTest {

    private static final Instant AT = Instant.parse("2026-08-01T12:00:00Z");

    private static PaymentEvent event(PaymentEventKind kind, String transaction, String original,
                                      PurchaserKeys purchaser) {
        return new PaymentEvent("stripe", "evt-" + kind + transaction, kind, Store.STRIPE, transaction, original,
                "price", 100, "USD", AT, null, purchaser);
    }

    @Test
    void aSubscriptionsFactsShareItsKeyWhoeverTheyName() {
        var start = event(PaymentEventKind.SUBSCRIPTION_STARTED, "in_1", "sub_1",
                new PurchaserKeys("m-1", null, "cus_1", null));
        var renewal = event(PaymentEventKind.SUBSCRIPTION_RENEWED, "in_2", "sub_1",
                new PurchaserKeys(null, null, "cus_1", null));
        var refund = event(PaymentEventKind.REFUNDED, "in_2", "sub_1", new PurchaserKeys(null, null, null, null));
        assertThat(start.orderKey()).isEqualTo("subscription:STRIPE:sub_1")
                .isEqualTo(renewal.orderKey()).isEqualTo(refund.orderKey());
    }

    @Test
    void otherFactsGoByThePurchasersMostStableKey() {
        assertThat(event(PaymentEventKind.ONE_TIME_PURCHASE, "pi_1", null,
                new PurchaserKeys("m-1", "ap-1", "cus_1", "a@b.c")).orderKey()).isEqualTo("member:m-1");
        assertThat(event(PaymentEventKind.ONE_TIME_PURCHASE, "pi_2", null,
                new PurchaserKeys(null, "ap-1", "cus_1", null)).orderKey()).isEqualTo("adapty-profile:ap-1");
        assertThat(event(PaymentEventKind.REFUNDED, "pi_2", null,
                new PurchaserKeys(null, null, "cus_1", null)).orderKey()).isEqualTo("stripe-customer:cus_1");
        assertThat(event(PaymentEventKind.REFUNDED, "pi_3", null,
                new PurchaserKeys(null, null, null, "a@b.c")).orderKey())
                .isEqualTo("transaction:STRIPE:pi_3:REFUNDED");
    }
}
