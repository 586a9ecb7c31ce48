package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.Catalog;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.ProviderIds;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.WalletCommand.ApplyPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Products, payments and a small driver that keeps a wallet's events and state for the wallet specs. */
final class WalletFixtures {

    static final String MEMBER = "member-1";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final TokenRates RATES = new TokenRates(10, 15, 1);

    static final Product.TokenPack TOKENS_100 = new Product.TokenPack("tokens_100",
            new ProviderIds("price_tokens_100", "tokens_100"), 999, "USD", 100);
    static final Product.TokenPack TOKENS_500 = new Product.TokenPack("tokens_500",
            new ProviderIds("price_tokens_500", "tokens_500"), 3999, "USD", 500);
    static final Product.Tier BASIC = new Product.Tier("basic", new ProviderIds("price_basic", "basic_monthly"), 499,
            "USD", "Basic", 1, 1800, 20);
    static final Product.Tier PLUS = new Product.Tier("plus", new ProviderIds("price_plus", "plus_monthly"), 999,
            "USD", "Plus", 2, 3600, 100);
    static final Product.Tier PREMIUM = new Product.Tier("premium",
            new ProviderIds("price_premium", "premium_monthly"), 1499, "USD", "Premium", 3, 7200, 1000);
    static final Product.MomentPack MOMENTS_5 = new Product.MomentPack("moments_5",
            new ProviderIds("price_moments_5", "moments_5"), 1999, "USD", 5, Duration.ofMinutes(20),
            Duration.ofDays(90));
    static final Product.MomentPack MOMENTS_10 = new Product.MomentPack("moments_10",
            new ProviderIds("price_moments_10", "moments_10"), 3499, "USD", 10, Duration.ofMinutes(20),
            Duration.ofDays(90));
    static final Catalog CATALOG = new Catalog(1, T0, RATES, List.of(TOKENS_100, TOKENS_500, BASIC, PLUS, PREMIUM,
            MOMENTS_5, MOMENTS_10));

    private WalletFixtures() {
    }

    static PaymentFacts facts(PaymentEventKind kind, String transactionId, String originalTransactionId,
                              Product product, Instant occurredAt, Instant periodEnd) {
        return new PaymentFacts("adapty", "evt-" + transactionId + "-" + kind + "-" + occurredAt, kind,
                Store.APP_STORE, transactionId, originalTransactionId,
                product == null ? "unknown-product" : product.providerIds().storeProductId(),
                product == null ? 0 : product.priceCents(), "USD", occurredAt, periodEnd);
    }

    static ApplyPayment payment(PaymentFacts facts, Product product) {
        return new ApplyPayment(MEMBER, facts.store() + ":" + facts.transactionId() + ":" + facts.kind()
                + (facts.kind() == PaymentEventKind.INFORMATIONAL ? facts.providerEventId() : ""), facts, product,
                facts.occurredAt());
    }

    static ApplyPayment purchase(String transactionId, Product product, Instant at) {
        return payment(facts(PaymentEventKind.ONE_TIME_PURCHASE, transactionId, transactionId, product, at, null),
                product);
    }

    static ApplyPayment refund(String transactionId, Product product, Instant at) {
        return payment(facts(PaymentEventKind.REFUNDED, transactionId, transactionId, product, at, null), product);
    }

    static ApplyPayment subscription(PaymentEventKind kind, String transactionId, String subscription,
                                     Product product, Instant at, Instant periodEnd) {
        return payment(facts(kind, transactionId, subscription, product, at, periodEnd), product);
    }

    /** A wallet driven command by command: its events so far and its state. */
    static final class Driver {
        final List<WalletEvent> events = new ArrayList<>();
        /** Every movement id carried out, as the adapters' index keeps it (ADR 0041). */
        final java.util.Map<String, CarriedOut> everyMovementId = new java.util.HashMap<>();
        Wallet state = WalletDecider.initialState();

        static Driver open(MonetizationVersion version, String zone) {
            var driver = new Driver();
            driver.run(new WalletCommand.OpenWallet(MEMBER, version, zone, T0));
            return driver;
        }

        List<WalletEvent> run(WalletCommand command) {
            long before = state instanceof Wallet.Open open ? open.recorded().lastSequence() : 0;
            List<WalletEvent> produced = WalletDecider.decide(command, recalling(command, state));
            for (WalletEvent event : produced) {
                events.add(event);
                state = WalletDecider.evolve(state, event);
            }
            if (state instanceof Wallet.Open open) {
                open.recorded().recordedAfter(before)
                        .forEach(entry -> entry.keys().forEach(key -> everyMovementId.put(key, entry.record())));
            }
            return produced;
        }

        /** {@code wallet}, also answering for the movement ids {@code command} needs that it forgot. */
        Wallet recalling(WalletCommand command, Wallet wallet) {
            if (!(wallet instanceof Wallet.Open open)) {
                return wallet;
            }
            var found = new java.util.HashMap<String, CarriedOut>();
            WalletDecider.keysToRecall(command, wallet).stream().filter(everyMovementId::containsKey)
                    .forEach(key -> found.put(key, everyMovementId.get(key)));
            return open.recalling(found);
        }

        WalletReceipt receipt(WalletCommand command) {
            boolean retry = run(command).isEmpty();
            return WalletDecider.receipt(command, recalling(command, state), retry);
        }

        Wallet.Open wallet() {
            return (Wallet.Open) state;
        }

        WalletView view(Instant at) {
            return WalletView.of(wallet(), at);
        }
    }
}
