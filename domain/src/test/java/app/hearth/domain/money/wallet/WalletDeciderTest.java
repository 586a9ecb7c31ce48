package app.hearth.domain.money.wallet;

import static app.hearth.domain.money.wallet.WalletFixtures.BASIC;
import static app.hearth.domain.money.wallet.WalletFixtures.MEMBER;
import static app.hearth.domain.money.wallet.WalletFixtures.MOMENTS_10;
import static app.hearth.domain.money.wallet.WalletFixtures.MOMENTS_5;
import static app.hearth.domain.money.wallet.WalletFixtures.PLUS;
import static app.hearth.domain.money.wallet.WalletFixtures.PREMIUM;
import static app.hearth.domain.money.wallet.WalletFixtures.RATES;
import static app.hearth.domain.money.wallet.WalletFixtures.T0;
import static app.hearth.domain.money.wallet.WalletFixtures.TOKENS_100;
import static app.hearth.domain.money.wallet.WalletFixtures.TOKENS_500;
import static app.hearth.domain.money.wallet.WalletFixtures.purchase;
import static app.hearth.domain.money.wallet.WalletFixtures.refund;
import static app.hearth.domain.money.wallet.WalletFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.wallet.WalletCommand.CaptureHold;
import app.hearth.domain.money.wallet.WalletCommand.ChangeTimeZone;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.GrantTokens;
import app.hearth.domain.money.wallet.WalletCommand.MigrateWallet;
import app.hearth.domain.money.wallet.WalletCommand.OpenWallet;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletCommand.ReleaseHold;
import app.hearth.domain.money.wallet.WalletEvent.PaymentRecorded;
import app.hearth.domain.money.wallet.WalletEvent.PurchaseRefunded;
import app.hearth.domain.money.wallet.WalletFixtures.Driver;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WalletDeciderTest {

    static void refused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo(code));
    }

    static GrantTokens grant(String id, long tokens) {
        return new GrantTokens(MEMBER, id, tokens, "welcome", "admin:a1", T0);
    }

    static PlaceHold hold(String holdId, CallKind kind, long seconds, Instant at) {
        return new PlaceHold(MEMBER, holdId, kind, seconds, RATES, at);
    }

    static Driver v1() {
        return Driver.open(MonetizationVersion.V1_TOKENS, "Europe/Berlin");
    }

    @Nested
    class OpeningAndIdempotency {
        @Test
        void opensOnTheConfiguredVersionAndZoneAndASecondOpeningChangesNothing() {
            var wallet = Driver.open(MonetizationVersion.V2_TIERS, "America/New_York");
            assertThat(wallet.wallet().version()).isEqualTo(MonetizationVersion.V2_TIERS);
            assertThat(wallet.wallet().zone()).isEqualTo("America/New_York");
            assertThat(wallet.run(new OpenWallet(MEMBER, MonetizationVersion.V1_TOKENS, "UTC", T0))).isEmpty();
        }

        @Test
        void refusesEveryCommandOnAWalletNeverOpened() {
            refused(() -> WalletDecider.decide(grant("g1", 5), WalletDecider.initialState()),
                    WalletDecider.WALLET_NOT_FOUND);
        }

        @Test
        void theSameMovementIdTwiceHasTheEffectOfOnceAndTheRetryIsAnsweredLikeTheOriginal() {
            var wallet = v1();
            assertThat(wallet.run(grant("g1", 50))).hasSize(1);
            assertThat(wallet.run(grant("g1", 50))).isEmpty();
            assertThat(wallet.run(purchase("t1", TOKENS_100, T0))).hasSize(1);
            assertThat(wallet.run(purchase("t1", TOKENS_100, T0))).isEmpty();
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(150);

            var first = wallet.receipt(new ChargeMessage(MEMBER, "m1", "c1", 1, T0));
            var retry = wallet.receipt(new ChargeMessage(MEMBER, "m1", "c1", 1, T0));
            assertThat(first.alreadyRecorded()).isFalse();
            assertThat(retry.alreadyRecorded()).isTrue();
            assertThat(retry.amount()).isEqualTo(first.amount()).isEqualTo(1);
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(149);
        }

        @Test
        void invalidCommandsAreRefusedWithAFieldCode() {
            refused(() -> grant("g", 0), "TOKENS_NOT_POSITIVE");
            refused(() -> new ChangeTimeZone(MEMBER, "z", "Mars/Olympus", T0), "INVALID_TIME_ZONE");
            refused(() -> hold("h", CallKind.AUDIO, 0, T0), "SECONDS_NOT_POSITIVE");
        }
    }

    @Nested
    class V1Tokens {
        @Test
        void grantedTokensAreSpentFirstThenPaidTokensOfTheOldestPurchase() {
            var wallet = v1();
            wallet.run(purchase("t1", TOKENS_100, T0));
            wallet.run(purchase("t2", TOKENS_500, T0.plusSeconds(1)));
            wallet.run(grant("g1", 20));
            wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 30, T0));

            assertThat(wallet.wallet().grantedTokens()).isZero();
            assertThat(wallet.wallet().lots()).extracting(TokenLot::remaining).containsExactly(90L, 500L);
            var charged = (WalletEvent.MessageCharged) wallet.events.getLast();
            assertThat(charged.draws()).containsExactly(new Draw(Draw.GRANTED, 20), new Draw("APP_STORE:t1", 10));
        }

        @Test
        void aRefundRemovesThatPurchasesUnspentPaidTokensAndRecordsTheShortfall() {
            var wallet = v1();
            wallet.run(purchase("t1", TOKENS_100, T0));
            wallet.run(purchase("t2", TOKENS_500, T0));
            wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 30, T0));

            var receipt = wallet.receipt(refund("t1", TOKENS_100, T0.plusSeconds(60)));
            var refunded = (PurchaseRefunded) wallet.events.getLast();

            assertThat(receipt.amount()).isEqualTo(70);
            assertThat(receipt.released()).as("the shortfall, for support").isEqualTo(30);
            assertThat(refunded.removed()).isEqualTo(70);
            assertThat(refunded.shortfall()).isEqualTo(30);
            assertThat(refunded.movements()).singleElement()
                    .satisfies(movement -> assertThat(movement.amount()).isEqualTo(-70));
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(500);
        }

        @Test
        void aRefundNeverTakesTheBalanceBelowZeroNorTakesTokensACallHolds() {
            var wallet = v1();
            wallet.run(purchase("t1", TOKENS_100, T0));
            wallet.run(hold("h1", CallKind.AUDIO, 600, T0));
            assertThat(wallet.wallet().heldTokens()).isEqualTo(100);

            var refunded = (PurchaseRefunded) wallet.run(refund("t1", TOKENS_100, T0)).getFirst();

            assertThat(refunded.removed()).isZero();
            assertThat(refunded.shortfall()).isEqualTo(100);
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(100);
            wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(600, 600), T0.plusSeconds(600)));
            assertThat(wallet.wallet().tokenBalance()).isZero();
        }

        @Test
        void aRefundThatArrivesBeforeItsPurchaseMakesThePurchaseBringNothing() {
            var wallet = v1();
            var early = (PurchaseRefunded) wallet.run(refund("t1", TOKENS_100, T0)).getFirst();
            assertThat(early.beforePurchase()).isTrue();

            assertThat(wallet.run(purchase("t1", TOKENS_100, T0.minusSeconds(60)))).singleElement()
                    .isInstanceOf(PaymentRecorded.class);
            assertThat(wallet.wallet().tokenBalance()).isZero();
        }

        @Test
        void grantsAreForV1WalletsOnly() {
            var wallet = Driver.open(MonetizationVersion.V3_MOMENTS, "UTC");
            refused(() -> wallet.run(grant("g1", 5)), WalletDecider.WRONG_VERSION);
        }
    }

    @Nested
    class Payments {
        @Test
        void aProductOfAnotherVersionOrAnUnknownOneIsRefusedForParking() {
            var wallet = v1();
            refused(() -> wallet.run(purchase("t1", MOMENTS_5, T0)), WalletDecider.PRODUCT_OF_ANOTHER_VERSION);
            refused(() -> wallet.run(purchase("t2", null, T0)), WalletDecider.PRODUCT_UNKNOWN);
            refused(() -> wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_STARTED, "s1", "s1", BASIC, T0,
                    T0.plus(Duration.ofDays(30)))), WalletDecider.PRODUCT_OF_ANOTHER_VERSION);
            assertThat(WalletDecider.PARKING_CODES).contains(WalletDecider.PRODUCT_UNKNOWN,
                    WalletDecider.PRODUCT_OF_ANOTHER_VERSION, WalletDecider.PAYMENT_NOT_UNDERSTOOD);
            // nothing was recorded: once the member is on the right version, the same fact applies
            assertThat(wallet.wallet().recorded().lastSequence()).isZero();
        }

        @Test
        void anInformationalFactIsRecordedAndMovesNothing() {
            var wallet = v1();
            var receipt = wallet.receipt(WalletFixtures.payment(WalletFixtures.facts(PaymentEventKind.INFORMATIONAL,
                    "t9", "t9", null, T0, null), null));
            assertThat(receipt.outcome()).isEqualTo("APPLIED");
            assertThat(wallet.wallet().tokenBalance()).isZero();
        }
    }

    @Nested
    class V2Tiers {
        final Instant start = Instant.parse("2026-11-24T10:00:00Z");
        final Instant periodEnd = start.plus(Duration.ofDays(30));

        Driver subscribed(String zone, WalletCommand.ApplyPayment... more) {
            var wallet = Driver.open(MonetizationVersion.V2_TIERS, zone);
            wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_STARTED, "s1", "s1", BASIC, start, periodEnd));
            for (var payment : more) {
                wallet.run(payment);
            }
            return wallet;
        }

        @Test
        void aSubscriptionGrantsItsDailyAllowance() {
            var wallet = subscribed("UTC");
            var tier = wallet.view(start).tier();
            assertThat(tier.productId()).isEqualTo("basic");
            assertThat(tier.status()).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(tier.callSecondsLeft()).isEqualTo(1800);
            assertThat(tier.messagesLeft()).isEqualTo(20);
        }

        @Test
        void theAllowanceResetsAtLocalMidnightAndNothingRollsOver() {
            var wallet = subscribed("Asia/Tokyo"); // UTC+9: local midnight is 15:00Z
            wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 0, Instant.parse("2026-11-24T14:59:00Z")));
            assertThat(wallet.view(Instant.parse("2026-11-24T14:59:30Z")).tier().messagesLeft()).isEqualTo(19);
            assertThat(wallet.view(Instant.parse("2026-11-24T14:59:30Z")).tier().resetsAt())
                    .isEqualTo(Instant.parse("2026-11-24T15:00:00Z"));

            var nextDay = wallet.view(Instant.parse("2026-11-24T15:00:00Z")).tier();
            assertThat(nextDay.messagesLeft()).isEqualTo(20);
            assertThat(nextDay.day()).isEqualTo("2026-11-25");
            assertThat(nextDay.resetsAt()).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));

            wallet.run(new ChargeMessage(MEMBER, "m2", "c1", 0, Instant.parse("2026-11-24T15:00:01Z")));
            assertThat(wallet.wallet().currentDay().orElseThrow().messagesUsed()).isEqualTo(1);
        }

        @Test
        void aTimeZoneChangeTakesEffectAtTheNextReset() {
            var wallet = subscribed("UTC");
            wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 0, Instant.parse("2026-11-24T20:00:00Z")));
            wallet.run(new ChangeTimeZone(MEMBER, "z1", "Asia/Tokyo", Instant.parse("2026-11-24T20:01:00Z")));

            // still the UTC day, which ends at UTC midnight
            var today = wallet.view(Instant.parse("2026-11-24T23:00:00Z")).tier();
            assertThat(today.messagesLeft()).isEqualTo(19);
            assertThat(today.resetsAt()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));

            // from UTC midnight on, Tokyo days: 2026-11-25 in Tokyo ends at 15:00Z
            wallet.run(new ChargeMessage(MEMBER, "m2", "c1", 0, Instant.parse("2026-11-25T00:00:00Z")));
            var day = wallet.wallet().currentDay().orElseThrow();
            assertThat(day.zone()).isEqualTo("Asia/Tokyo");
            assertThat(day.endsAt()).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
            assertThat(day.messagesUsed()).isEqualTo(1);
        }

        @Test
        void aCallCountsAgainstTheDayItStarted() {
            var wallet = subscribed("UTC");
            Instant late = Instant.parse("2026-11-24T23:58:00Z");
            wallet.run(hold("h1", CallKind.AUDIO, 120, late));
            wallet.run(new ExtendHold(MEMBER, "h1", "x1", 60, late.plusSeconds(120)));
            wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(170, 170), late.plusSeconds(170)));

            // the next day starts with its whole allowance
            Instant next = Instant.parse("2026-11-25T08:00:00Z");
            assertThat(wallet.view(next).tier().callSecondsLeft()).isEqualTo(1800);
            var captured = (WalletEvent.HoldCaptured) wallet.events.getLast();
            assertThat(captured.charged()).isEqualTo(170);
            wallet.run(hold("h2", CallKind.AUDIO, 120, next));
            assertThat(wallet.wallet().currentDay().orElseThrow().date()).isEqualTo("2026-11-25");
        }

        @Test
        void anUpgradeAppliesAtOnceAndADowngradeAtTheEndOfThePeriod() {
            var wallet = subscribed("UTC", subscription(PaymentEventKind.SUBSCRIPTION_RENEWED, "s1-up", "s1",
                    PREMIUM, start.plusSeconds(60), periodEnd));
            assertThat(wallet.view(start.plusSeconds(120)).tier().productId()).isEqualTo("premium");

            wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_RENEWED, "s1-down", "s1", PLUS,
                    start.plusSeconds(180), periodEnd.plus(Duration.ofDays(30))));
            var before = wallet.view(periodEnd.minusSeconds(1)).tier();
            assertThat(before.productId()).isEqualTo("premium");
            assertThat(before.pendingProductId()).isEqualTo("plus");
            assertThat(before.pendingFrom()).isEqualTo(periodEnd);
            assertThat(wallet.view(periodEnd).tier().productId()).isEqualTo("plus");
            assertThat(wallet.view(periodEnd).tier().dailyCallSeconds()).isEqualTo(3600);
        }

        @Test
        void subscriptionStatesGraceCancelledAtPeriodEndAndExpired() {
            var wallet = subscribed("UTC");
            Instant graceEnd = periodEnd.plus(Duration.ofDays(3));
            wallet.run(subscription(PaymentEventKind.BILLING_ISSUE, "s1-b", "s1", null, periodEnd, graceEnd));
            assertThat(wallet.view(periodEnd.plusSeconds(1)).tier().status()).isEqualTo(SubscriptionStatus.IN_GRACE);
            assertThat(wallet.view(periodEnd.plusSeconds(1)).tier().callSecondsLeft()).isEqualTo(1800);
            assertThat(wallet.view(graceEnd).tier().callSecondsLeft()).isZero();

            wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_RENEWED, "s1-r", "s1", BASIC,
                    periodEnd.plusSeconds(60), periodEnd.plus(Duration.ofDays(30))));
            wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_CANCELLED, "s1-c", "s1", BASIC,
                    periodEnd.plusSeconds(120), null));
            Instant secondEnd = periodEnd.plus(Duration.ofDays(30));
            assertThat(wallet.view(secondEnd.minusSeconds(1)).tier().status())
                    .isEqualTo(SubscriptionStatus.CANCELLED_AT_PERIOD_END);
            assertThat(wallet.view(secondEnd.minusSeconds(1)).tier().callSecondsLeft()).isEqualTo(1800);
            assertThat(wallet.view(secondEnd).tier().callSecondsLeft()).isZero();

            wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_EXPIRED, "s1-e", "s1", BASIC, secondEnd, null));
            assertThat(wallet.view(secondEnd).tier().status()).isEqualTo(SubscriptionStatus.EXPIRED);
            refused(() -> wallet.run(hold("h1", CallKind.VIDEO, 120, secondEnd)), WalletDecider.INSUFFICIENT_BALANCE);
        }

        @Test
        void anOlderFactIsRecordedButDoesNotMoveTheStateBack() {
            var wallet = subscribed("UTC", subscription(PaymentEventKind.SUBSCRIPTION_EXPIRED, "s1-e", "s1", BASIC,
                    periodEnd, null));
            var receipt = wallet.receipt(subscription(PaymentEventKind.SUBSCRIPTION_RENEWED, "s1-r", "s1", BASIC,
                    periodEnd.minusSeconds(60), periodEnd.plus(Duration.ofDays(30))));

            assertThat(receipt.outcome()).isEqualTo("OUT_OF_ORDER");
            assertThat(wallet.events.getLast()).isInstanceOf(PaymentRecorded.class);
            assertThat(wallet.view(periodEnd).tier().status()).isEqualTo(SubscriptionStatus.EXPIRED);
            assertThat(wallet.wallet().subscriptions().get("APP_STORE:s1").newestProviderTime()).isEqualTo(periodEnd);
        }

        @Test
        void messagesAreLimitedToTodaysAllowance() {
            var wallet = subscribed("UTC");
            for (int i = 0; i < 20; i++) {
                wallet.run(new ChargeMessage(MEMBER, "m" + i, "c1", 0, start.plusSeconds(i)));
            }
            refused(() -> wallet.run(new ChargeMessage(MEMBER, "m20", "c1", 0, start.plusSeconds(30))),
                    WalletDecider.INSUFFICIENT_BALANCE);
        }
    }

    @Nested
    class V3Moments {
        Driver withPacks() {
            var wallet = Driver.open(MonetizationVersion.V3_MOMENTS, "UTC");
            wallet.run(purchase("p-late", MOMENTS_10, T0));
            // bought 30 days earlier, so it expires first
            wallet.run(purchase("p-early", MOMENTS_5, T0.minus(Duration.ofDays(30))));
            return wallet;
        }

        @Test
        void thePackThatExpiresFirstIsUsedFirst() {
            var wallet = withPacks();
            wallet.run(hold("h1", CallKind.AUDIO, 120, T0));
            assertThat(wallet.wallet().holds().get("h1").moments())
                    .containsExactly(new HeldMoment("APP_STORE:p-early", 1200));
            wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(300, 300), T0.plusSeconds(300)));
            assertThat(wallet.view(T0).packs()).extracting(WalletView.Pack::moments).containsExactly(4L, 10L);
        }

        @Test
        void expiredPacksAreUnusableAndTheirMomentsLeaveAsAMovement() {
            var wallet = withPacks();
            Instant afterFirstExpiry = T0.plus(Duration.ofDays(61));
            wallet.run(hold("h1", CallKind.AUDIO, 120, afterFirstExpiry));

            var expired = (WalletEvent.MomentsExpired) wallet.events.get(wallet.events.size() - 2);
            assertThat(expired.packKey()).isEqualTo("APP_STORE:p-early");
            assertThat(expired.movements().getFirst().amount()).isEqualTo(-5);
            assertThat(wallet.wallet().holds().get("h1").moments().getFirst().packKey()).isEqualTo("APP_STORE:p-late");

            Instant afterAll = T0.plus(Duration.ofDays(91));
            assertThat(WalletDecider.canStart(wallet.state, CallKind.AUDIO, RATES, afterAll)).isFalse();
        }

        @Test
        void aLongCallUsesOneMoreMomentAtTheStartOfEachFurtherBlock() {
            var wallet = withPacks();
            wallet.run(hold("h1", CallKind.VIDEO, 120, T0));
            for (int minute = 1; minute <= 25; minute++) {
                wallet.run(new ExtendHold(MEMBER, "h1", "m" + minute, 60, T0.plusSeconds(60L * minute)));
            }
            assertThat(wallet.wallet().holds().get("h1").held()).isEqualTo(2);
            var receipt = wallet.receipt(new CaptureHold(MEMBER, "h1",
                    CallVerdict.judge(1201, 1201), T0.plusSeconds(1201)));
            assertThat(receipt.amount()).isEqualTo(2);
            assertThat(receipt.hold().status()).isEqualTo(WalletReceipt.HoldStatus.CAPTURED);
            assertThat(wallet.wallet().momentBalance()).isEqualTo(13);
        }

        @Test
        void aMomentOpensATwentyFourHourChatWindowWithOneCompanion() {
            var wallet = withPacks();
            wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 0, T0));
            wallet.run(new ChargeMessage(MEMBER, "m2", "c1", 0, T0.plus(Duration.ofHours(23))));
            assertThat(wallet.wallet().momentBalance()).isEqualTo(14);
            wallet.run(new ChargeMessage(MEMBER, "m3", "c2", 0, T0.plusSeconds(5)));
            wallet.run(new ChargeMessage(MEMBER, "m4", "c1", 0, T0.plus(Duration.ofHours(24))));
            assertThat(wallet.wallet().momentBalance()).isEqualTo(12);
        }

        @Test
        void aRefundTakesBackThePacksUnusedMoments() {
            var wallet = withPacks();
            wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 0, T0));
            var refunded = (PurchaseRefunded) wallet.run(refund("p-early", MOMENTS_5, T0)).getFirst();
            assertThat(refunded.removed()).isEqualTo(4);
            assertThat(refunded.shortfall()).isEqualTo(1);
            assertThat(wallet.wallet().momentBalance()).isEqualTo(10);
        }
    }

    @Nested
    class Metering {
        @Test
        void canStartNeedsOneBillableMinuteInEveryVersion() {
            var tokens = v1();
            tokens.run(grant("g1", 14));
            assertThat(WalletDecider.canStart(tokens.state, CallKind.AUDIO, RATES, T0)).isTrue();
            assertThat(WalletDecider.canStart(tokens.state, CallKind.VIDEO, RATES, T0)).isFalse();

            var tiers = Driver.open(MonetizationVersion.V2_TIERS, "UTC");
            assertThat(WalletDecider.canStart(tiers.state, CallKind.AUDIO, RATES, T0)).isFalse();
            tiers.run(subscription(PaymentEventKind.SUBSCRIPTION_STARTED, "s1", "s1", BASIC, T0, null));
            assertThat(WalletDecider.canStart(tiers.state, CallKind.AUDIO, RATES, T0)).isTrue();

            var moments = Driver.open(MonetizationVersion.V3_MOMENTS, "UTC");
            assertThat(WalletDecider.canStart(moments.state, CallKind.VIDEO, RATES, T0)).isFalse();
            moments.run(purchase("p1", MOMENTS_5, T0));
            assertThat(WalletDecider.canStart(moments.state, CallKind.VIDEO, RATES, T0)).isTrue();
        }

        @Test
        void aCallConnectedForLessThanSixtySecondsIsFree() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(hold("h1", CallKind.AUDIO, 120, T0));
            var receipt = wallet.receipt(new CaptureHold(MEMBER, "h1", CallVerdict.judge(59, 59), T0.plusSeconds(59)));
            assertThat(receipt.amount()).isZero();
            assertThat(receipt.released()).isEqualTo(20);
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(100);
        }

        @Test
        void v1ChargesPerStartedMinuteAtTheRateInForceWhenTheHoldWasPlaced() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(hold("h1", CallKind.VIDEO, 120, T0));
            wallet.run(new ExtendHold(MEMBER, "h1", "x1", 60, T0.plusSeconds(60)));
            // a later catalog with another rate does not change this call
            var receipt = wallet.receipt(new CaptureHold(MEMBER, "h1",
                    CallVerdict.judge(121, 121), T0.plusSeconds(121)));
            assertThat(receipt.amount()).isEqualTo(3 * 15);
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(55);
        }

        @Test
        void heldTokensAreNotSpendableByAnythingElse() {
            var wallet = v1();
            wallet.run(grant("g1", 30));
            wallet.run(hold("h1", CallKind.AUDIO, 120, T0));
            assertThat(wallet.wallet().spendableTokens()).isEqualTo(10);
            refused(() -> wallet.run(new ChargeMessage(MEMBER, "m1", "c1", 11, T0)),
                    WalletDecider.INSUFFICIENT_BALANCE);
            refused(() -> wallet.run(hold("h2", CallKind.VIDEO, 120, T0)), WalletDecider.INSUFFICIENT_BALANCE);
            wallet.run(hold("h3", CallKind.AUDIO, 120, T0));
            assertThat(wallet.wallet().spendableTokens()).isZero();
        }

        @Test
        void aHoldCoversWhatTheBalanceAllowsAndAnExtensionCoversNoMoreThanThat() {
            var wallet = v1();
            wallet.run(grant("g1", 25));
            var placed = wallet.receipt(hold("h1", CallKind.AUDIO, 120, T0));
            assertThat(placed.hold().held()).isEqualTo(20);
            assertThat(placed.hold().coveredSeconds()).isEqualTo(120);
            var extended = wallet.receipt(new ExtendHold(MEMBER, "h1", "x1", 60, T0.plusSeconds(60)));
            assertThat(extended.amount()).isZero();
            assertThat(extended.hold().coveredSeconds()).isEqualTo(120);
        }

        @Test
        void everyHoldCommandIsIdempotentOnTheCallersIdAndAClosedHoldStaysClosed() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            assertThat(wallet.run(hold("h1", CallKind.AUDIO, 120, T0))).hasSize(1);
            assertThat(wallet.run(hold("h1", CallKind.AUDIO, 120, T0))).isEmpty();
            assertThat(wallet.run(new ExtendHold(MEMBER, "h1", "x1", 60, T0))).hasSize(1);
            assertThat(wallet.run(new ExtendHold(MEMBER, "h1", "x1", 60, T0))).isEmpty();
            assertThat(wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(90, 90), T0))).hasSize(1);
            assertThat(wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(90, 90), T0))).isEmpty();
            assertThat(wallet.run(new ReleaseHold(MEMBER, "h1", T0))).isEmpty();
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(80);
            refused(() -> wallet.run(new ExtendHold(MEMBER, "h1", "x2", 60, T0)), WalletDecider.HOLD_CLOSED);
            refused(() -> wallet.run(new CaptureHold(MEMBER, "nope",
                    CallVerdict.judge(60, 60), T0)), WalletDecider.HOLD_NOT_FOUND);
        }

        @Test
        void aCaptureTakesTheCallsVerdictAsItIsAndJudgesNoShortCallAgain() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(hold("h1", CallKind.AUDIO, 120, T0));
            // connected 74 s, proven together for 30 s: the call's verdict is one started minute
            var receipt = wallet.receipt(new CaptureHold(MEMBER, "h1", CallVerdict.judge(74, 30), T0.plusSeconds(74)));
            assertThat(receipt.amount()).isEqualTo(10);
            assertThat(wallet.wallet().tokenBalance()).isEqualTo(90);
        }

        @Test
        void aVerdictBeyondWhatTheHoldCoversIsRefusedNeverChargedLess() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(hold("h1", CallKind.AUDIO, 120, T0));
            refused(() -> wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(200, 181), T0)),
                    WalletDecider.VERDICT_BEYOND_HOLD);
            assertThat(wallet.wallet().holds()).containsKey("h1");
        }

        @Test
        void aReleaseGivesTheWholeHoldBack() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(hold("h1", CallKind.VIDEO, 120, T0));
            wallet.run(new ReleaseHold(MEMBER, "h1", T0));
            assertThat(wallet.wallet().spendableTokens()).isEqualTo(100);
        }

        @Test
        void v2CountsSecondsAgainstTheAllowance() {
            var wallet = Driver.open(MonetizationVersion.V2_TIERS, "UTC");
            wallet.run(subscription(PaymentEventKind.SUBSCRIPTION_STARTED, "s1", "s1", BASIC, T0, null));
            wallet.run(hold("h1", CallKind.AUDIO, 120, T0));
            assertThat(wallet.view(T0).tier().callSecondsLeft()).isEqualTo(1680);
            wallet.run(new CaptureHold(MEMBER, "h1", CallVerdict.judge(95, 95), T0.plusSeconds(95)));
            assertThat(wallet.view(T0).tier().callSecondsLeft()).isEqualTo(1705);
        }

        @Test
        void v1UsesTheCatalogRateOfTheHoldNotTheCurrentOne() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(new PlaceHold(MEMBER, "h1", CallKind.AUDIO, 60, new TokenRates(7, 9, 1), T0));
            var receipt = wallet.receipt(new CaptureHold(MEMBER, "h1", CallVerdict.judge(60, 60), T0.plusSeconds(60)));
            assertThat(receipt.amount()).isEqualTo(7);
        }
    }

    @Nested
    class Migrations {
        final ConversionRule tokensToMoments = new ConversionRule("v1-to-v3-2026", 50, 1, 1200, 90L * 24 * 3600);

        @Test
        void unspentTokensBecomeMomentsAtTheStatedRateAndBothSidesAreMovements() {
            var wallet = v1();
            wallet.run(purchase("t1", TOKENS_100, T0));
            wallet.run(grant("g1", 20));
            var migrated = (WalletEvent.WalletMigrated) wallet.run(new MigrateWallet(MEMBER, "mig-1",
                    MonetizationVersion.V3_MOMENTS, tokensToMoments, "admin:a1", T0)).getFirst();

            assertThat(migrated.movements()).extracting(Movement::kind, Movement::unit, Movement::amount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(MovementKind.MIGRATED_OUT, MeterUnit.TOKENS,
                                    -120L),
                            org.assertj.core.groups.Tuple.tuple(MovementKind.MIGRATED_IN, MeterUnit.MOMENTS, 3L));
            assertThat(wallet.wallet().version()).isEqualTo(MonetizationVersion.V3_MOMENTS);
            assertThat(wallet.wallet().tokenBalance()).isZero();
            assertThat(wallet.wallet().momentBalance()).isEqualTo(3);
            assertThat(wallet.view(T0).packs()).singleElement()
                    .satisfies(pack -> assertThat(pack.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(90))));
        }

        @Test
        void aMigrationToTheVersionTheWalletIsOnIsRefused() {
            var wallet = v1();
            refused(() -> wallet.run(new MigrateWallet(MEMBER, "mig-1", MonetizationVersion.V1_TOKENS,
                    tokensToMoments, "admin:a1", T0)), WalletDecider.MIGRATION_TO_SAME_VERSION);
        }

        @Test
        void aMigrationWaitsForOpenHolds() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            wallet.run(hold("h1", CallKind.AUDIO, 60, T0));
            refused(() -> wallet.run(new MigrateWallet(MEMBER, "mig-1", MonetizationVersion.V3_MOMENTS,
                    tokensToMoments, "admin:a1", T0)), WalletDecider.HOLDS_OPEN);
        }

        @Test
        void aDryRunIsTheDecisionWithoutApplyingIt() {
            var wallet = v1();
            wallet.run(grant("g1", 100));
            var wouldBe = WalletDecider.decide(new MigrateWallet(MEMBER, "mig-1", MonetizationVersion.V2_TIERS,
                    new ConversionRule("to-v2", 1, 0, 0, 0), "admin:a1", T0), wallet.state);
            assertThat(wouldBe).singleElement().satisfies(event -> assertThat(event.movements())
                    .extracting(Movement::amount).containsExactly(-100L));
            assertThat(wallet.wallet().version()).isEqualTo(MonetizationVersion.V1_TOKENS);
        }
    }
}
