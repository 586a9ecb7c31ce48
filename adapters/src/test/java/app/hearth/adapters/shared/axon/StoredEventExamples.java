package app.hearth.adapters.shared.axon;

import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.calls.Side;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.earnings.EntryKind;
import app.hearth.domain.earnings.LedgerEntry;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.AllowanceDay;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.ChatWindow;
import app.hearth.domain.money.wallet.Draw;
import app.hearth.domain.money.wallet.HeldMoment;
import app.hearth.domain.money.wallet.Hold;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.Movement;
import app.hearth.domain.money.wallet.MovementKind;
import app.hearth.domain.money.wallet.PaymentFacts;
import app.hearth.domain.money.wallet.Subscription;
import app.hearth.domain.money.wallet.SubscriptionStatus;
import app.hearth.domain.money.wallet.TierGrant;
import app.hearth.domain.money.wallet.WalletEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One example of every stored event, each field set (no null, no empty list) so that its golden sample pins every
 * field name, down to the values inside the event. A new stored event needs one here and a sample in
 * {@code src/test/resources/events} ({@link StoredEventSamplesTest}).
 */
final class StoredEventExamples {

    static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    private static final Map<Class<?>, Object> BY_CLASS = Stream.of(calls(), wallet(), earnings())
            .flatMap(List::stream)
            .collect(Collectors.toUnmodifiableMap(Object::getClass, Function.identity()));

    private StoredEventExamples() {
    }

    static Optional<Object> of(Class<?> eventClass) {
        return Optional.ofNullable(BY_CLASS.get(eventClass));
    }

    static List<Object> calls() {
        return List.of(
                new CallEvent.CallRequested("call-1", "member-1", "companion-1", CallKind.VIDEO, 120L, T),
                new CallEvent.CallAccepted("call-1", "companion-1", T.plusSeconds(5)),
                new CallEvent.ParticipantJoined("call-1", "member-1", Side.MEMBER, T.plusSeconds(6)),
                new CallEvent.CallConnected("call-1", T.plusSeconds(8), T.plusSeconds(128), T.plusSeconds(8)),
                new CallEvent.PresenceProven("call-1", T.plusSeconds(38), T.plusSeconds(36), T.plusSeconds(36),
                        T.plusSeconds(38)),
                new CallEvent.CoverageExtended("call-1", T.plusSeconds(188), T.plusSeconds(98)),
                new CallEvent.CoverageNotExtended("call-1", T.plusSeconds(188), T.plusSeconds(158)),
                new CallEvent.BalanceWarning("call-1", 30, T.plusSeconds(188), T.plusSeconds(158)),
                new CallEvent.CallEnded("call-1", "member-1", "companion-1", CallKind.VIDEO,
                        EndReason.HUNG_UP_BY_MEMBER, "member-1", T.plusSeconds(8), T.plusSeconds(78),
                        T.plusSeconds(78), 70, 70, true, 2L, T.plusSeconds(78)));
    }

    static List<Object> wallet() {
        var payment = new PaymentFacts("adapty", "evt-1", PaymentEventKind.ONE_TIME_PURCHASE, Store.APP_STORE, "tx-2",
                "tx-1", "tokens_100", 999, "USD", T, T.plusSeconds(86_400));
        var granted = new Movement(1, "grant-1", MovementKind.TOKENS_GRANTED, MeterUnit.TOKENS, 50, 50, "promo", T);
        var charged = new Movement(2, "capture-1", MovementKind.CALL_CHARGED, MeterUnit.TOKENS, -20, 30, "call-1", T);
        var basic = new TierGrant("basic", "Basic", 1, 1800, 20);
        var plus = new TierGrant("plus", "Plus", 2, 3600, 50);
        var draw = new Draw(Draw.GRANTED, 20);
        var moment = new HeldMoment("APP_STORE:tx-1", 1200);
        return List.of(
                new WalletEvent.WalletOpened("member-1", MonetizationVersion.V1_TOKENS, "Europe/Berlin", T),
                new WalletEvent.TimeZoneChanged("member-1", "zone-1", "Asia/Tokyo", T),
                new WalletEvent.TokensGranted("member-1", "grant-1", 50, "promo", "admin:a", T, List.of(granted)),
                new WalletEvent.TokensPurchased("member-1", "APP_STORE:tx-2", payment, "tokens_100", "APP_STORE:tx-2",
                        100, T, List.of(granted)),
                new WalletEvent.MomentPackPurchased("member-1", "APP_STORE:tx-3", payment, "moments_5",
                        "APP_STORE:tx-3", 5, 1200, T.plusSeconds(86_400), T, List.of(granted)),
                new WalletEvent.PurchaseRefunded("member-1", "refund-1", payment, "APP_STORE:tx-2", MeterUnit.TOKENS,
                        80, 20, true, T, List.of(charged)),
                new WalletEvent.SubscriptionUpdated("member-1", "sub-1", payment, new Subscription("APP_STORE:tx-1",
                        plus, basic, T.plusSeconds(3600), SubscriptionStatus.ACTIVE, T.plusSeconds(7200), T), T),
                new WalletEvent.PaymentRecorded("member-1", "info-1", payment, true, "older than the newest", T),
                new WalletEvent.MomentsExpired("member-1", "APP_STORE:tx-3", 2, T, List.of(charged)),
                new WalletEvent.AllowanceDayStarted("member-1", new AllowanceDay(3, "Europe/Berlin", "2026-11-24",
                        T.minusSeconds(36_000), T.plusSeconds(50_400), 600, 120, 4), T),
                new WalletEvent.HoldPlaced("member-1", "hold-1", new Hold("call-1", CallKind.AUDIO,
                        MonetizationVersion.V3_MOMENTS, MeterUnit.MOMENTS, 120, 1, 1200, 10, 3, List.of(moment), T),
                        T),
                new WalletEvent.HoldExtended("member-1", "extend-1", "call-1", 60, 1, 2400, List.of(moment), T),
                new WalletEvent.HoldCaptured("member-1", "capture-1", "call-1", 70, 20, 10, List.of(draw), T,
                        List.of(charged)),
                new WalletEvent.HoldReleased("member-1", "release-1", "call-1", 30, T),
                new WalletEvent.MessageCharged("member-1", "message-1", "message-1", "companion-1",
                        MeterUnit.MOMENTS, 1, List.of(new Draw("APP_STORE:tx-3", 1)),
                        new ChatWindow("companion-1", T, T.plusSeconds(86_400)), 3, T, List.of(charged)),
                new WalletEvent.WalletMigrated("member-1", "to-v3", MonetizationVersion.V1_TOKENS,
                        MonetizationVersion.V3_MOMENTS, "rule-1", 30, 1, "MIGRATION:to-v3", 1200,
                        T.plusSeconds(86_400), "admin:a", T, List.of(charged, granted)));
    }

    static List<Object> earnings() {
        var entry = new LedgerEntry("entry-2", 2, EntryKind.ACTIVITY_CREDIT, 150, 250, "call call-1", "call-1",
                "system", "rules-2026-11", T, "hash-1", "hash-2");
        return List.of(
                new EarningsEvent.EarningsAccountOpened("companion-1", "admin:a", T),
                new EarningsEvent.ActivityCredited("companion-1", entry, ActivityKind.VIDEO_CALL_MINUTE, 2, 50,
                        15_000, List.of("night")),
                new EarningsEvent.PenaltyApplied("companion-1", entry, "case-1", "NO_SHOW"),
                new EarningsEvent.PenaltyReversed("companion-1", entry, "entry-3"),
                new EarningsEvent.BalanceCorrected("companion-1", entry, "correction-1"));
    }
}
