package app.hearth.application.money.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.payments.PaymentWebhooks.Notification;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's decisions with in-memory ports whose transactions roll back like the database's: a wallet that
 * refuses by rule parks the event (recorded again in a fresh transaction), a wallet that fails leaves nothing, a
 * parked fact without a product is offered again when a later report names it.
 */
class PaymentPipelineTest extends InMemoryPayments {

    private static PaymentEvent purchase(String provider, String eventId, String productRef, PurchaserKeys keys) {
        return new PaymentEvent(provider, eventId, PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, "in_1",
                "sub_1", productRef, 1499, "USD", NOW, null, keys);
    }

    private static Notification notification(PaymentEvent event) {
        return new Notification(event.provider(), event.providerEventId(), "test", null,
                "{\"id\": \"" + event.providerEventId() + "\"}",
                new Reading.Normalized(event));
    }

    @Test
    void aWalletThatRefusesByRuleHasTheEventParkedWithItsCodeInAFreshTransaction() {
        wallet = (memberId, event) -> {
            throw RuleViolation.refused("WALLET_CLOSED", "the wallet is closed");
        };
        var receipt = receiveAndApply(pipeline(), notification(purchase("stripe", "evt_1", "price_1",
                new PurchaserKeys(MEMBER, null, null, null))));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PARKED);
        assertThat(inboxRows).containsEntry("stripe:evt_1", "FACT_RECORDED");
        var fact = factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED");
        assertThat(fact.handedOn()).isEqualTo(1);
        assertThat(fact.reason()).contains("WALLET_CLOSED");
        assertThat(parkedRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").reason()).contains("WALLET_CLOSED");
    }

    @Test
    void aWalletThatFailsLeavesNothingSoTheProviderRetries() {
        wallet = (memberId, event) -> {
            throw new IllegalStateException("event store unavailable");
        };
        var notification = notification(purchase("stripe", "evt_2", "price_1",
                new PurchaserKeys(MEMBER, null, null, null)));
        var pipeline = pipeline();
        assertThat(pipeline.receive(notification)).as("answered once recorded")
                .isEqualTo(new PaymentWebhooks.Receipt(false, PaymentWebhooks.Outcome.RECORDED, null));
        assertThat(rings).as("the applier is woken").isEqualTo(1);
        assertThat(pipeline.applyRecorded(10)).isEqualTo(new PaymentPipeline.Batch(1, 0, 1));
        assertThat(inboxRows).containsEntry("stripe:evt_2", "RECORDED");
        assertThat(factRows).isEmpty();
        assertThat(failures).singleElement().asString().contains("event store unavailable");
        assertThat(pipeline.receive(notification).duplicate()).as("a redelivery changes nothing").isTrue();

        wallet = (memberId, event) -> new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
        assertThat(pipeline.applyRecorded(10)).isEqualTo(new PaymentPipeline.Batch(1, 1, 0));
        assertThat(inboxRows).containsEntry("stripe:evt_2", "FACT_RECORDED");
        assertThat(factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").status()).isEqualTo(PaymentFacts.Status.APPLIED);
    }

    @Test
    void aNotificationThatFailsIsPutBackWithoutHoldingBackTheOthersOfItsBatch() {
        wallet = (memberId, event) -> {
            if (event.transactionId().equals("t-poison")) {
                throw new IllegalStateException("poisoned");
            }
            applied.add(event.dedupeKey());
            return new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
        };
        var pipeline = pipeline();
        for (String transaction : new String[] {"t-1", "t-poison", "t-2"}) {
            var event = new PaymentEvent("adapty", "ev-" + transaction, PaymentEventKind.ONE_TIME_PURCHASE,
                    Store.APP_STORE, transaction, null, "tokens_100", 899, "GBP", NOW, null,
                    new PurchaserKeys(MEMBER, null, null, null));
            assertThat(pipeline.receive(notification(event)).outcome()).isEqualTo(PaymentWebhooks.Outcome.RECORDED);
        }
        assertThat(applied).isEmpty();
        assertThat(pipeline.applyRecorded(10)).isEqualTo(new PaymentPipeline.Batch(3, 2, 1));
        // (the wallet's list is not rolled back with the batch, as a real wallet's movements are)
        assertThat(factRows.keySet()).containsExactly("APP_STORE:t-1:ONE_TIME_PURCHASE",
                "APP_STORE:t-2:ONE_TIME_PURCHASE");
        assertThat(factRows.values()).allSatisfy(fact -> assertThat(fact.status()).isEqualTo(PaymentFacts.Status.APPLIED));
        assertThat(inboxRows).containsEntry("adapty:ev-t-1", "FACT_RECORDED").containsEntry("adapty:ev-t-2",
                "FACT_RECORDED").containsEntry("adapty:ev-t-poison", "RECORDED");
        assertThat(recordedRows.get("adapty:ev-t-poison").attempts()).isEqualTo(1);
    }

    @Test
    void aFactParkedWithoutAProductIsOfferedAgainOnceALaterReportNamesItAndItsParkedRowResolves() {
        wallet = (memberId, event) -> event.productRef() == null
                ? new PaymentApplication.Result(PaymentApplication.Outcome.PARKED, "unknown product")
                : new PaymentApplication.Result(PaymentApplication.Outcome.APPLIED, null);
        var keys = new PurchaserKeys(MEMBER, null, "cus_1", null);
        assertThat(receiveAndApply(pipeline(), notification(purchase("stripe", "evt_checkout", null, keys))).status())
                .isEqualTo(PaymentFacts.Status.PARKED);
        assertThat(parkedRows).containsKey("STRIPE:in_1:SUBSCRIPTION_STARTED");

        var receipt = receiveAndApply(pipeline(), notification(purchase("adapty", "ev-2", "price_1", keys)));
        assertThat(receipt.outcome()).isEqualTo(PaymentWebhooks.Outcome.DUPLICATE_FACT);
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.APPLIED);
        var fact = factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED");
        assertThat(fact.event().productRef()).isEqualTo("price_1");
        assertThat(fact.event().provider()).isEqualTo("stripe");
        assertThat(fact.handedOn()).isEqualTo(2);
        assertThat(parkedRows).isEmpty();

        // a third report changes nothing more
        assertThat(receiveAndApply(pipeline(), notification(purchase("stripe", "evt_invoice", "price_1", keys))).status())
                .isEqualTo(PaymentFacts.Status.APPLIED);
        assertThat(factRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").handedOn()).isEqualTo(2);
    }

    @Test
    void anUnknownPurchaserWaitsAndALaterReportAddsItsKeysToThePendingPurchase() {
        var receipt = receiveAndApply(pipeline(), notification(purchase("stripe", "evt_a", "price_1",
                new PurchaserKeys(null, null, "cus_9", "someone@example.com"))));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PENDING);
        receiveAndApply(pipeline(), notification(purchase("adapty", "ev-b", "price_1",
                new PurchaserKeys(null, "profile-9", null, null))));
        var waiting = pendingRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED");
        assertThat(waiting.claimedBy()).isNull();
        assertThat(waiting.keys()).isEqualTo(new PurchaserKeys(null, "profile-9", "cus_9", "someone@example.com"));
        assertThat(applied).isEmpty();

        identityHolders.put("profile-9", "member-9");
        assertThat(claims().claim(PendingPurchases.ClaimKey.ADAPTY_PROFILE_ID, "profile-9", "member-9"))
                .isEqualTo(1);
        assertThat(claims().claim(PendingPurchases.ClaimKey.ADAPTY_PROFILE_ID, "profile-9", "member-9")).isZero();
        assertThat(applied).containsExactly("STRIPE:in_1:SUBSCRIPTION_STARTED");
    }

    @Test
    void anEmailAloneNamesNobody() {
        assertThat(receiveAndApply(pipeline(), notification(purchase("stripe", "evt_e", "price_1",
                new PurchaserKeys(null, null, null, "member-1@example.com")))).status())
                .isEqualTo(PaymentFacts.Status.PENDING);
        assertThat(applied).isEmpty();
    }

    @Test
    void anIdentityHeldByAnotherMemberThanTheOneTheProviderEchoedClaimsNothing() {
        identityHolders.put("profile-7", "member-7");
        var receipt = receiveAndApply(pipeline(), notification(purchase("adapty", "ev-7", "price_1",
                new PurchaserKeys("member-8", "profile-7", null, null))));
        assertThat(receipt.status()).isEqualTo(PaymentFacts.Status.PENDING);
        assertThat(claims().claim(PendingPurchases.ClaimKey.ADAPTY_PROFILE_ID, "profile-7", "member-7")).isZero();
        assertThat(pendingRows.get("STRIPE:in_1:SUBSCRIPTION_STARTED").claimedBy()).isNull();

        // the same member as echoed, not registered yet, is named by the identity they hold
        identityHolders.put("profile-8", "member-8");
        var other = new PaymentEvent("adapty", "ev-8", PaymentEventKind.ONE_TIME_PURCHASE, Store.APP_STORE, "t-8",
                null, "tokens_100", 899, "GBP", NOW, null, new PurchaserKeys("member-8", "profile-8", null, null));
        assertThat(receiveAndApply(pipeline(), notification(other)).status()).isEqualTo(PaymentFacts.Status.APPLIED);
        assertThat(applied).containsExactly("APP_STORE:t-8:ONE_TIME_PURCHASE");
    }
}
