package app.hearth.money.payments;

import static app.hearth.money.payments.Fixtures.CUSTOMER_A;
import static app.hearth.money.payments.Fixtures.FIRST_INVOICE_A;
import static app.hearth.money.payments.Fixtures.MEMBER;
import static app.hearth.money.payments.Fixtures.PRICE_A;
import static app.hearth.money.payments.Fixtures.SUBSCRIPTION_A;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.StripeEvents;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every Stripe event type Hearth acts on, read from the fixtures into a PaymentEvent; the others ignored. */
class StripeEventsTest {

    private static PaymentEvent normalized(String fixture) {
        return normalized(Fixtures.json(Fixtures.stripe(fixture)));
    }

    private static PaymentEvent normalized(JsonNode event) {
        Reading reading = StripeEvents.read(event);
        assertThat(reading).isInstanceOf(Reading.Normalized.class);
        return ((Reading.Normalized) reading).event();
    }

    @Test
    void aPaidCheckoutInPaymentModeIsAOneTimePurchaseOfThePaymentIntentWithThePriceFromMetadata() {
        PaymentEvent event = normalized("checkout.session.completed.payment");
        assertThat(event).isEqualTo(new PaymentEvent("stripe", "evt_1PorzlRrHuoIQciTuasmZ8qr",
                PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_1vB7XwRrHuoIQciTs5wzfBBu", null, "tokens_100",
                999, "USD", Instant.ofEpochSecond(1785766327), null,
                new PurchaserKeys(null, null, null, "jenny.rosen@example.com")));
        assertThat(event.dedupeKey()).isEqualTo("STRIPE:pi_1vB7XwRrHuoIQciTs5wzfBBu:ONE_TIME_PURCHASE");
    }

    @Test
    void aCheckoutInSubscriptionModeStartsTheSubscriptionAsItsFirstInvoiceWithTheEchoedMemberId() {
        PaymentEvent event = normalized("checkout.session.completed.subscription");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_STARTED);
        assertThat(event.transactionId()).isEqualTo(FIRST_INVOICE_A);
        assertThat(event.originalTransactionId()).isEqualTo(SUBSCRIPTION_A);
        assertThat(event.productRef()).isNull();
        assertThat(event.amountCents()).isEqualTo(1499);
        assertThat(event.currency()).isEqualTo("USD");
        assertThat(event.purchaser()).isEqualTo(new PurchaserKeys(MEMBER, null, CUSTOMER_A,
                "maria.garcia@example.com"));
        assertThat(event.dedupeKey()).isEqualTo(normalized("invoice.paid").dedupeKey());
    }

    @Test
    void anUnpaidCheckoutWaitsForItsAsyncPayment() {
        String unpaid = Fixtures.replace(Fixtures.stripe("checkout.session.completed.payment"),
                "\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\"");
        assertThat(StripeEvents.read(Fixtures.json(unpaid))).isInstanceOf(Reading.Ignored.class);
        String succeeded = Fixtures.replace(Fixtures.stripe("checkout.session.completed.payment"),
                "\"type\": \"checkout.session.completed\"", "\"type\": \"checkout.session.async_payment_succeeded\"");
        assertThat(normalized(Fixtures.json(succeeded)).kind()).isEqualTo(PaymentEventKind.ONE_TIME_PURCHASE);
    }

    @Test
    void theFirstPaidInvoiceStartsTheSubscriptionAndALaterOneRenewsIt() {
        PaymentEvent first = normalized("invoice.paid");
        assertThat(first).isEqualTo(new PaymentEvent("stripe", "evt_1DGcocRrHuoIQciTFdHT37gi",
                PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, FIRST_INVOICE_A, SUBSCRIPTION_A, PRICE_A, 1499,
                "USD", Instant.ofEpochSecond(1785406543), Instant.ofEpochSecond(1788084940),
                new PurchaserKeys(null, null, CUSTOMER_A, "maria.garcia@example.com")));
        assertThat(first.subscriptionKey()).isEqualTo("STRIPE:" + SUBSCRIPTION_A);

        String cycle = Fixtures.replace(Fixtures.stripe("invoice.paid"), "\"subscription_create\"",
                "\"subscription_cycle\"");
        PaymentEvent renewal = normalized(Fixtures.json(cycle));
        assertThat(renewal.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_RENEWED);
        assertThat(renewal.transactionId()).isEqualTo(FIRST_INVOICE_A);
    }

    @Test
    void aFailedInvoiceIsABillingIssueOfThatInvoiceThatChargesNothing() {
        PaymentEvent event = normalized("invoice.payment_failed");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.BILLING_ISSUE);
        assertThat(event.transactionId()).isEqualTo("in_1dcH2LRrHuoIQciTv6d6MpUP");
        assertThat(event.originalTransactionId()).isEqualTo("sub_14cgAKRrHuoIQciT5S8Yzb3W");
        assertThat(event.amountCents()).isZero();
        assertThat(event.productRef()).isEqualTo(PRICE_A);
        assertThat(event.purchaser().stripeCustomerId()).isEqualTo("cus_QHPIgBkx1znSWN");
    }

    @Test
    void cancellingAtPeriodEndCancelsAndUndoingItReactivatesEachDedupedOnItsOwnEvent() {
        PaymentEvent cancelled = normalized("customer.subscription.updated");
        assertThat(cancelled.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_CANCELLED);
        assertThat(cancelled.transactionId()).isNull();
        assertThat(cancelled.originalTransactionId()).isEqualTo(SUBSCRIPTION_A);
        assertThat(cancelled.periodEnd()).isEqualTo(Instant.ofEpochSecond(1788084940));
        assertThat(cancelled.occurredAt()).isEqualTo(Instant.ofEpochSecond(1786693279));
        assertThat(cancelled.purchaser().stripeCustomerId()).isEqualTo(CUSTOMER_A);
        assertThat(cancelled.dedupeKey())
                .isEqualTo("STRIPE:stripe-event:evt_1Atc8URrHuoIQciTtd2Hklk3:SUBSCRIPTION_CANCELLED");

        ObjectNode reactivated = (ObjectNode) Fixtures.json(Fixtures.stripe("customer.subscription.updated"));
        ObjectNode subscription = (ObjectNode) reactivated.path("data").path("object");
        subscription.put("cancel_at_period_end", false).putNull("cancel_at");
        ObjectNode previous = (ObjectNode) reactivated.path("data").path("previous_attributes");
        previous.put("cancel_at_period_end", true).put("cancel_at", 1788084940L);
        assertThat(normalized(reactivated).kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_REACTIVATED);

        ObjectNode otherChange = (ObjectNode) Fixtures.json(Fixtures.stripe("customer.subscription.updated"));
        ((ObjectNode) otherChange.path("data")).putObject("previous_attributes").put("status", "trialing");
        assertThat(StripeEvents.read(otherChange)).isInstanceOf(Reading.Ignored.class);
    }

    @Test
    void aDeletedSubscriptionExpiresWhenItEnded() {
        PaymentEvent event = normalized("customer.subscription.deleted");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_EXPIRED);
        assertThat(event.originalTransactionId()).isEqualTo("sub_14cgAKRrHuoIQciT5S8Yzb3W");
        assertThat(event.periodEnd()).isEqualTo(Instant.ofEpochSecond(1787162560));
        assertThat(event.transactionId()).isNull();
    }

    @Test
    void aFullRefundRefundsThePaymentIntentAndAPartialOneIsParkedForAPerson() {
        PaymentEvent refund = normalized("charge.refunded");
        assertThat(refund.kind()).isEqualTo(PaymentEventKind.REFUNDED);
        assertThat(refund.transactionId()).isEqualTo("pi_1vB7XwRrHuoIQciTs5wzfBBu");
        assertThat(refund.amountCents()).isEqualTo(999);
        assertThat(refund.dedupeKey()).isEqualTo("STRIPE:pi_1vB7XwRrHuoIQciTs5wzfBBu:REFUNDED");

        String partial = Fixtures.replace(Fixtures.stripe("charge.refunded"), "\"amount_refunded\": 999",
                "\"amount_refunded\": 300", "\"refunded\": true", "\"refunded\": false");
        Reading reading = StripeEvents.read(Fixtures.json(partial));
        assertThat(reading).isInstanceOf(Reading.Unreadable.class);
        assertThat(((Reading.Unreadable) reading).why()).contains("partial refund (300 of 999 USD)");
    }

    @Test
    void typesHearthDoesNotActOnAreIgnoredAndAnEventLackingWhatItNeedsIsUnreadable() {
        assertThat(StripeEvents.read(Fixtures.json(Fixtures.stripe("payout.failed"))))
                .isInstanceOf(Reading.Ignored.class);
        String noAmount = Fixtures.replace(Fixtures.stripe("invoice.paid"), "\"amount_paid\": 1499",
                "\"amount_paid\": null");
        assertThat(StripeEvents.read(Fixtures.json(noAmount))).isInstanceOf(Reading.Unreadable.class);
        String longId = Fixtures.replace(Fixtures.stripe("invoice.paid"), CUSTOMER_A, "cus_" + "x".repeat(300));
        assertThat(StripeEvents.read(Fixtures.json(longId))).isInstanceOf(Reading.Unreadable.class);
    }
}
