package app.hearth.adapters.money.wallet.axon;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.shared.axon.StableEventTypeSerializer;
import app.hearth.adapters.shared.axon.StoredEventTypes;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.ProviderIds;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.PaymentFacts;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand.CaptureHold;
import app.hearth.domain.money.wallet.WalletCommand.GrantTokens;
import app.hearth.domain.money.wallet.WalletCommand.OpenWallet;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent.WalletOpened;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import app.hearth.adapters.shared.axon.state.InMemoryIdempotencyRecords;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Axon shell carries the decider's decisions faithfully; every wallet event survives its stored JSON form. */
class WalletAggregateTest {

    static final String MEMBER = "member-1";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final TokenRates RATES = new TokenRates(10, 15, 1);

    AggregateTestFixture<WalletAggregate> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(WalletAggregate.class);
        fixture.registerInjectableResource(new InMemoryIdempotencyRecords());
        fixture.registerCommandTargetResolver(command -> new VersionedAggregateIdentifier(
                WalletAggregate.aggregateId(((WalletCommand) command.getPayload()).memberId()), null));
    }

    static List<WalletEvent> decided(WalletCommand... commands) {
        var events = new ArrayList<WalletEvent>();
        Wallet state = WalletDecider.initialState();
        for (WalletCommand command : commands) {
            for (WalletEvent event : WalletDecider.decide(command, state)) {
                events.add(event);
                state = WalletDecider.evolve(state, event);
            }
        }
        return events;
    }

    static OpenWallet open(MonetizationVersion version) {
        return new OpenWallet(MEMBER, version, "Europe/Berlin", T0);
    }

    @Test
    void openingAWalletPublishesTheOpeningEvent() {
        fixture.givenNoPriorActivity()
                .when(open(MonetizationVersion.V1_TOKENS))
                .expectEvents(new WalletOpened(MEMBER, MonetizationVersion.V1_TOKENS, "Europe/Berlin", T0));
    }

    @Test
    void aHoldAppliesExactlyWhatTheDeciderDecidedAndARetryPublishesNothing() {
        var grant = new GrantTokens(MEMBER, "g1", 100, "promo", "admin:a", T0);
        var hold = new PlaceHold(MEMBER, "call-1", CallKind.AUDIO, 120, RATES, T0);
        List<WalletEvent> expected = decided(open(MonetizationVersion.V1_TOKENS), grant, hold);
        fixture.given(expected.subList(0, 2).toArray())
                .when(hold)
                .expectEvents(expected.get(2))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.<Object>hasToString(
                        org.hamcrest.Matchers.containsString("alreadyRecorded=false")));
        fixture.given(expected.toArray())
                .when(hold)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.<Object>hasToString(
                        org.hamcrest.Matchers.containsString("alreadyRecorded=true")));
    }

    @Test
    void aRuleViolationIsThrownUnchangedForTheEdgeToTranslate() {
        fixture.given(decided(open(MonetizationVersion.V1_TOKENS)).toArray())
                .when(new PlaceHold(MEMBER, "call-1", CallKind.VIDEO, 120, RATES, T0))
                .expectException(RuleViolation.class);
    }

    @Test
    void aCommandToAWalletNeverOpenedFindsNoAggregate() {
        fixture.givenNoPriorActivity()
                .when(new CaptureHold(MEMBER, "call-1", CallVerdict.judge(60, 60), T0))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void everyWalletEventIsStoredUnderAStableWalletNameAndReadsBackEqual() {
        Serializer serializer = new StableEventTypeSerializer(Jackson3Serializer.builder().build(),
                StoredEventTypes.scan("app.hearth.domain"));
        List<WalletEvent> history = everyKindOfEvent();
        Set<Class<?>> kinds = new HashSet<>();
        var readBack = new ArrayList<WalletEvent>();
        for (WalletEvent event : history) {
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            assertThat(stored.getType().getName()).isEqualTo("wallet." + event.getClass().getSimpleName());
            WalletEvent back = serializer.deserialize(stored);
            assertThat(back).isEqualTo(event);
            readBack.add(back);
            kinds.add(event.getClass());
        }
        assertThat(kinds).containsExactlyInAnyOrder(WalletEvent.class.getPermittedSubclasses());
        assertThat(WalletDecider.replay(readBack)).isEqualTo(WalletDecider.replay(history));
    }

    /** One history through every version that produces every kind of wallet event. */
    static List<WalletEvent> everyKindOfEvent() {
        var tokens = new Product.TokenPack("tokens_100", new ProviderIds("price_t", "tokens_100"), 999, "USD", 100);
        var basic = new Product.Tier("basic", new ProviderIds("price_b", "basic"), 499, "USD", "Basic", 1, 1800, 20);
        var pack = new Product.MomentPack("moments_5", new ProviderIds("price_m", "moments_5"), 1999, "USD", 5,
                Duration.ofMinutes(20), Duration.ofDays(1));
        Instant t = T0;
        var commands = new ArrayList<WalletCommand>();
        commands.add(open(MonetizationVersion.V1_TOKENS));
        commands.add(new WalletCommand.ChangeTimeZone(MEMBER, "z1", "Asia/Tokyo", t));
        commands.add(new GrantTokens(MEMBER, "g1", 50, "promo", "admin:a", t));
        commands.add(payment(PaymentEventKind.ONE_TIME_PURCHASE, "t1", tokens, t, null));
        commands.add(payment(PaymentEventKind.INFORMATIONAL, "t1-info", null, t, null));
        commands.add(new PlaceHold(MEMBER, "h1", CallKind.AUDIO, 120, RATES, t));
        commands.add(new WalletCommand.ExtendHold(MEMBER, "h1", "x1", 60, t.plusSeconds(60)));
        commands.add(new CaptureHold(MEMBER, "h1", CallVerdict.judge(130, 130), t.plusSeconds(130)));
        commands.add(new PlaceHold(MEMBER, "h2", CallKind.VIDEO, 60, RATES, t));
        commands.add(new WalletCommand.ReleaseHold(MEMBER, "h2", t));
        commands.add(new WalletCommand.ChargeMessage(MEMBER, "m1", "c1", 1, t));
        commands.add(payment(PaymentEventKind.REFUNDED, "t1", tokens, t.plusSeconds(300), null));
        commands.add(new WalletCommand.MigrateWallet(MEMBER, "to-v2", MonetizationVersion.V2_TIERS,
                new ConversionRule("r2", 1, 0, 0, 0), "admin:a", t.plusSeconds(400)));
        commands.add(payment(PaymentEventKind.SUBSCRIPTION_STARTED, "s1", basic, t.plusSeconds(500),
                t.plus(Duration.ofDays(30))));
        commands.add(new WalletCommand.ChargeMessage(MEMBER, "m2", "c1", 0, t.plusSeconds(600)));
        commands.add(new WalletCommand.MigrateWallet(MEMBER, "to-v3", MonetizationVersion.V3_MOMENTS,
                new ConversionRule("r3", 1, 0, 1200, 86_400), "admin:a", t.plusSeconds(700)));
        commands.add(payment(PaymentEventKind.ONE_TIME_PURCHASE, "p1", pack, t.plusSeconds(800), null));
        var longPack = new Product.MomentPack("moments_10", new ProviderIds("price_m10", "moments_10"), 3499, "USD",
                10, Duration.ofMinutes(20), Duration.ofDays(90));
        commands.add(payment(PaymentEventKind.ONE_TIME_PURCHASE, "p2", longPack, t.plusSeconds(900), null));
        commands.add(new WalletCommand.ChargeMessage(MEMBER, "m3", "c1", 0, t.plus(Duration.ofDays(2))));
        return decided(commands.toArray(WalletCommand[]::new));
    }

    static WalletCommand payment(PaymentEventKind kind, String transactionId, Product product, Instant at,
                                 Instant periodEnd) {
        var facts = new PaymentFacts("adapty", "evt-" + transactionId + "-" + kind, kind, Store.APP_STORE,
                transactionId, transactionId, product == null ? null : product.productId(), 999, "USD", at,
                periodEnd);
        return new WalletCommand.ApplyPayment(MEMBER, "APP_STORE:" + transactionId + ":" + kind, facts, product, at);
    }
}
