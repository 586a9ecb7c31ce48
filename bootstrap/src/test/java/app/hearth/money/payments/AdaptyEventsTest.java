package app.hearth.money.payments;

import static app.hearth.money.payments.Fixtures.FIRST_INVOICE_A;
import static app.hearth.money.payments.Fixtures.MEMBER;
import static app.hearth.money.payments.Fixtures.PRICE_A;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.AdaptyEvents;
import app.hearth.adapters.money.payments.webhooks.StripeEvents;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every Adapty event type Hearth acts on, read from the fixtures (the trial types without a fixture are built from
 * {@code subscription_renewal_cancelled.json}); amounts are decimals turned into the smallest unit exactly.
 */
class AdaptyEventsTest {

    private static PaymentEvent normalized(String fixture) {
        return normalized(Fixtures.json(Fixtures.adapty(fixture)));
    }

    private static PaymentEvent normalized(JsonNode event) {
        Reading reading = AdaptyEvents.read(event);
        assertThat(reading).isInstanceOf(Reading.Normalized.class);
        return ((Reading.Normalized) reading).event();
    }

    private static PaymentEvent ofType(String type) {
        return normalized(Fixtures.json(Fixtures.replace(Fixtures.adapty("subscription_renewal_cancelled"),
                "\"event_type\": \"subscription_renewal_cancelled\"", "\"event_type\": \"" + type + "\"")));
    }

    @Test
    void aStripePurchaseReportedByAdaptyIsTheSameFactAsStripesOwnInvoicePaid() {
        PaymentEvent event = normalized("subscription_started.stripe");
        assertThat(event).isEqualTo(new PaymentEvent("adapty", "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd",
                PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, FIRST_INVOICE_A, FIRST_INVOICE_A, PRICE_A, 1499,
                "USD", Instant.parse("2026-07-30T10:15:42Z"), Instant.parse("2026-08-30T10:15:40Z"),
                new PurchaserKeys(MEMBER, "bdd640fb-0667-4ad1-9c80-317fa3b1799d", null, "maria.garcia@example.com")));
        PaymentEvent stripes = ((Reading.Normalized) StripeEvents.read(Fixtures.json(Fixtures.stripe("invoice.paid"))))
                .event();
        assertThat(event.dedupeKey()).isEqualTo(stripes.dedupeKey()).isEqualTo("STRIPE:" + FIRST_INVOICE_A
                + ":SUBSCRIPTION_STARTED");
    }

    @Test
    void adaptysPublishedExampleStartsAPlayStoreSubscriptionOfTheStoreProduct() {
        PaymentEvent event = normalized("doc-example.subscription_started");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_STARTED);
        assertThat(event.store()).isEqualTo(Store.PLAY_STORE);
        assertThat(event.transactionId()).isEqualTo("0000000000000000");
        assertThat(event.productRef()).isEqualTo("onemonth_no_trial");
        assertThat(event.amountCents()).isEqualTo(499);
        assertThat(event.purchaser().memberId()).isEqualTo("UserIdInYourSystem");
    }

    @Test
    void aRenewalInAnotherCurrencyIsCountedInItsSmallestUnit() {
        PaymentEvent event = normalized("subscription_renewed");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_RENEWED);
        assertThat(event.store()).isEqualTo(Store.PLAY_STORE);
        assertThat(event.transactionId()).isEqualTo("GPA.3334-1928-3276-48350..1");
        assertThat(event.originalTransactionId()).isEqualTo("GPA.3334-1928-3276-48350");
        assertThat(event.productRef()).isEqualTo("premium_monthly");
        assertThat(event.amountCents()).isEqualTo(7990);
        assertThat(event.currency()).isEqualTo("BRL");
        assertThat(event.periodEnd()).isEqualTo(Instant.parse("2026-08-03T08:50:12Z"));
    }

    @Test
    void aTrialIsASubscriptionAtPriceZeroAndItsConversionItsFirstPaidRenewal() {
        PaymentEvent trial = normalized("trial_started");
        assertThat(trial.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_STARTED);
        assertThat(trial.amountCents()).isZero();
        assertThat(trial.transactionId()).isEqualTo("2000001542351161");
        assertThat(trial.periodEnd()).isEqualTo(Instant.parse("2026-07-21T16:20:04Z"));

        PaymentEvent converted = normalized("trial_converted");
        assertThat(converted.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_RENEWED);
        assertThat(converted.transactionId()).isEqualTo("2000001781618495");
        assertThat(converted.subscriptionKey()).isEqualTo(trial.subscriptionKey()).isEqualTo("APP_STORE:2000001542351161");
        assertThat(converted.amountCents()).isEqualTo(1499);

        assertThat(ofType("trial_renewal_cancelled").kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_CANCELLED);
        assertThat(ofType("trial_renewal_reactivated").kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_REACTIVATED);
        assertThat(ofType("trial_expired").kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_EXPIRED);
    }

    @Test
    void cancellingReactivatingAndExpiringChangeStateChargeNothingAndDedupeOnTheirOwnEvent() {
        PaymentEvent cancelled = normalized("subscription_renewal_cancelled");
        assertThat(cancelled.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_CANCELLED);
        assertThat(cancelled.transactionId()).isNull();
        assertThat(cancelled.amountCents()).isZero();
        assertThat(cancelled.originalTransactionId()).isEqualTo("2000001542351161");
        assertThat(cancelled.dedupeKey())
                .isEqualTo("APP_STORE:adapty-event:daf61a26-146d-4f31-bc37-7a4c4a15544d:SUBSCRIPTION_CANCELLED");
        assertThat(ofType("subscription_renewal_reactivated").kind())
                .isEqualTo(PaymentEventKind.SUBSCRIPTION_REACTIVATED);
        PaymentEvent expired = normalized("subscription_expired");
        assertThat(expired.kind()).isEqualTo(PaymentEventKind.SUBSCRIPTION_EXPIRED);
        assertThat(expired.periodEnd()).isEqualTo(Instant.parse("2026-08-21T16:20:04Z"));
    }

    @Test
    void aBillingIssueAndTheGracePeriodItOpensAreOneFactOfTheFailedTransaction() {
        PaymentEvent issue = normalized("billing_issue_detected");
        PaymentEvent grace = normalized("entered_grace_period");
        assertThat(issue.kind()).isEqualTo(PaymentEventKind.BILLING_ISSUE);
        assertThat(grace.kind()).isEqualTo(PaymentEventKind.BILLING_ISSUE);
        assertThat(issue.amountCents()).isZero();
        assertThat(issue.dedupeKey()).isEqualTo(grace.dedupeKey())
                .isEqualTo("PLAY_STORE:GPA.3334-1928-3276-48350..1:BILLING_ISSUE");
        assertThat(grace.periodEnd()).isEqualTo(Instant.parse("2026-08-10T08:50:12Z"));
    }

    @Test
    void aRefundTakesBackThePriceWhateverItsSign() {
        PaymentEvent refund = normalized("subscription_refunded");
        assertThat(refund.kind()).isEqualTo(PaymentEventKind.REFUNDED);
        assertThat(refund.transactionId()).isEqualTo("2000001767242388");
        assertThat(refund.amountCents()).isEqualTo(1499);
        String negative = Fixtures.replace(Fixtures.adapty("subscription_refunded"), "\"price_local\": 14.99",
                "\"price_local\": -14.99");
        assertThat(normalized(Fixtures.json(negative)).amountCents()).isEqualTo(1499);
    }

    @Test
    void anAnonymousTokenPackPurchaseIsAOneTimePurchaseKnownOnlyByItsAdaptyProfile() {
        PaymentEvent event = normalized("non_subscription_purchase.anonymous");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.ONE_TIME_PURCHASE);
        assertThat(event.store()).isEqualTo(Store.APP_STORE);
        assertThat(event.productRef()).isEqualTo("tokens_100");
        assertThat(event.amountCents()).isEqualTo(899);
        assertThat(event.currency()).isEqualTo("GBP");
        assertThat(event.purchaser()).isEqualTo(new PurchaserKeys(null, "9a1de644-815e-46d1-bb8f-aa1837f8a88b",
                null, null));
    }

    @Test
    void accessLevelUpdatesAreInformational() {
        PaymentEvent event = normalized("access_level_updated");
        assertThat(event.kind()).isEqualTo(PaymentEventKind.INFORMATIONAL);
        assertThat(event.transactionId()).isNull();
        assertThat(event.amountCents()).isZero();
    }

    @Test
    void decimalsAreNeverReadThroughADouble() {
        String fixture = Fixtures.adapty("non_subscription_purchase.anonymous");
        // 0.1 + 0.2 style values and a currency without minor units
        assertThat(normalized(Fixtures.json(Fixtures.replace(fixture, "\"price_local\": 8.99",
                "\"price_local\": 1.15"))).amountCents()).isEqualTo(115);
        assertThat(normalized(Fixtures.json(Fixtures.replace(fixture, "\"price_local\": 8.99",
                "\"price_local\": 4.35"))).amountCents()).isEqualTo(435);
        assertThat(normalized(Fixtures.json(Fixtures.replace(fixture, "\"price_local\": 8.99",
                "\"price_local\": 1500", "\"currency\": \"GBP\"", "\"currency\": \"JPY\""))).amountCents())
                .isEqualTo(1500);
        assertThat(normalized(Fixtures.json(Fixtures.replace(fixture, "\"price_local\": 8.99",
                "\"price_local\": 1.234", "\"currency\": \"GBP\"", "\"currency\": \"KWD\""))).amountCents())
                .isEqualTo(1234);
    }

    @Test
    void otherTypesAreIgnoredAndAPurchaseWithoutATransactionIsUnreadable() {
        String paused = Fixtures.replace(Fixtures.adapty("subscription_renewal_cancelled"),
                "\"event_type\": \"subscription_renewal_cancelled\"", "\"event_type\": \"subscription_paused\"");
        assertThat(AdaptyEvents.read(Fixtures.json(paused))).isInstanceOf(Reading.Ignored.class);
        String noTransaction = Fixtures.replace(Fixtures.adapty("non_subscription_purchase.anonymous"),
                "\"transaction_id\": \"2000001328710122\"", "\"transaction_id\": null");
        assertThat(AdaptyEvents.read(Fixtures.json(noTransaction))).isInstanceOf(Reading.Unreadable.class);
        String unknownCurrency = Fixtures.replace(Fixtures.adapty("non_subscription_purchase.anonymous"),
                "\"currency\": \"GBP\"", "\"currency\": \"QQQ\"");
        assertThat(AdaptyEvents.read(Fixtures.json(unknownCurrency))).isInstanceOf(Reading.Unreadable.class);
    }
}
