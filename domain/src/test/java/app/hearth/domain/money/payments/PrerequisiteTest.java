package app.hearth.domain.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which fact waits for which (ADR 0031). */
class PrerequisiteTest {

    private static final Instant AT = Instant.parse("2026-08-01T12:00:00Z");
    private static final PurchaserKeys NOBODY = new PurchaserKeys(null, null, null, null);

    private static PaymentEvent event(PaymentEventKind kind, Store store, String transaction, String original) {
        return new PaymentEvent("stripe", "evt-" + kind + transaction, kind, store, transaction, original,
                "price", 100, "USD", AT, null, NOBODY);
    }

    @Test
    void aRefundWaitsForItsPurchaseOfTheSameStoreAndTransaction() {
        var refund = event(PaymentEventKind.REFUNDED, Store.STRIPE, "pi_1", null);
        var needs = Prerequisite.of(refund).orElseThrow();
        assertThat(needs.code()).isEqualTo("AWAITING_PURCHASE");
        assertThat(needs.reason()).startsWith("AWAITING_PURCHASE: waits for its purchase (STRIPE pi_1)");
        assertThat(needs.satisfiedBy(event(PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_1", null))).isTrue();
        assertThat(needs.satisfiedBy(event(PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, "pi_1", "s")))
                .isTrue();
        assertThat(needs.satisfiedBy(event(PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_2", null)))
                .isFalse();
        assertThat(needs.satisfiedBy(event(PaymentEventKind.ONE_TIME_PURCHASE, Store.APP_STORE, "pi_1", null)))
                .isFalse();
        assertThat(needs.satisfiedBy(event(PaymentEventKind.REFUNDED, Store.STRIPE, "pi_1", null))).isFalse();
    }

    @Test
    void aRenewalWaitsForItsSubscriptionsStartAndTheFirstPeriodForNothing() {
        var renewal = event(PaymentEventKind.SUBSCRIPTION_RENEWED, Store.APP_STORE, "2", "1");
        var needs = Prerequisite.of(renewal).orElseThrow();
        assertThat(needs.code()).isEqualTo("AWAITING_SUBSCRIPTION_START");
        assertThat(needs.satisfiedBy(event(PaymentEventKind.SUBSCRIPTION_STARTED, Store.APP_STORE, "1", "1")))
                .isTrue();
        // Stripe's start names the subscription as its original transaction, the first invoice as its own
        assertThat(Prerequisite.of(event(PaymentEventKind.SUBSCRIPTION_RENEWED, Store.STRIPE, "in_2", "sub_1"))
                .orElseThrow().satisfiedBy(event(PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, "in_1",
                        "sub_1"))).isTrue();
        assertThat(needs.satisfiedBy(event(PaymentEventKind.SUBSCRIPTION_RENEWED, Store.APP_STORE, "1", "1")))
                .isFalse();
        assertThat(Prerequisite.of(event(PaymentEventKind.SUBSCRIPTION_RENEWED, Store.APP_STORE, "1", "1")))
                .isEmpty();
        assertThat(Prerequisite.of(event(PaymentEventKind.SUBSCRIPTION_RENEWED, Store.APP_STORE, "1", null)))
                .isEmpty();
    }

    @Test
    void purchasesAndStatesWaitForNothingAndFactsThatMayWaitForEachOtherMeet() {
        for (PaymentEventKind kind : new PaymentEventKind[] {PaymentEventKind.ONE_TIME_PURCHASE,
                PaymentEventKind.SUBSCRIPTION_STARTED, PaymentEventKind.SUBSCRIPTION_CANCELLED,
                PaymentEventKind.SUBSCRIPTION_EXPIRED, PaymentEventKind.BILLING_ISSUE,
                PaymentEventKind.INFORMATIONAL}) {
            assertThat(Prerequisite.of(event(kind, Store.STRIPE, "t", "o"))).as(kind.name()).isEmpty();
        }
        assertThat(Prerequisite.meetingNames(event(PaymentEventKind.SUBSCRIPTION_RENEWED, Store.STRIPE, "in_2",
                "sub_1"))).isEqualTo(Set.of("STRIPE:in_2", "STRIPE:sub_1"));
        assertThat(Prerequisite.meetingNames(event(PaymentEventKind.REFUNDED, Store.STRIPE, "pi_1", null)))
                .containsExactlyInAnyOrderElementsOf(Prerequisite.meetingNames(
                        event(PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_1", null)));
    }

    @Test
    void onlyWhatSaysItIsLiveIsLiveMoney() {
        assertThat(PaymentEnvironment.ofProvider("live")).isEqualTo(PaymentEnvironment.LIVE);
        assertThat(PaymentEnvironment.ofProvider("Production")).isEqualTo(PaymentEnvironment.LIVE);
        assertThat(PaymentEnvironment.ofProvider("test")).isEqualTo(PaymentEnvironment.TEST);
        assertThat(PaymentEnvironment.ofProvider("Sandbox")).isEqualTo(PaymentEnvironment.TEST);
        assertThat(PaymentEnvironment.ofProvider(null)).isEqualTo(PaymentEnvironment.TEST);
        assertThat(PaymentEnvironment.ofProvider("staging")).isEqualTo(PaymentEnvironment.TEST);
        assertThat(PaymentEnvironment.TEST.notAppliedCode()).isEqualTo("TEST_PAYMENT_NOT_APPLIED");
        assertThat(PaymentEnvironment.LIVE.notAppliedCode()).isEqualTo("LIVE_PAYMENT_NOT_APPLIED");
    }
}
