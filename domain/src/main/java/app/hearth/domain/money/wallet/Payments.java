package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.ApplyPayment;
import app.hearth.domain.money.wallet.WalletEvent.MomentPackPurchased;
import app.hearth.domain.money.wallet.WalletEvent.PaymentRecorded;
import app.hearth.domain.money.wallet.WalletEvent.PurchaseRefunded;
import app.hearth.domain.money.wallet.WalletEvent.SubscriptionUpdated;
import app.hearth.domain.money.wallet.WalletEvent.TokensPurchased;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a payment fact moves a wallet (semantics.md "Payment events", steps 4 and 5): purchases add a token lot
 * (V1) or a moment pack (V3); refunds take back the purchase's unspent units; subscription facts move the V2
 * subscription, unless they are older than the newest provider time seen for it. A fact that does not belong to
 * the wallet's version is refused with one of {@link #PARKING_CODES}: {@link #parks} it for review.
 */
final class Payments {

    /**
     * Refusals of a payment fact that mean "park it for review with an alert", never "drop it": its product is
     * unknown, belongs to another monetization version, or does not fit the kind of fact.
     */
    static final Set<String> PARKING_CODES = Set.of(WalletDecider.PRODUCT_UNKNOWN,
            WalletDecider.PRODUCT_OF_ANOTHER_VERSION, WalletDecider.PAYMENT_NOT_UNDERSTOOD);

    private Payments() {
    }

    /** Whether a payment fact refused with {@code refusal} is parked for review rather than failing its command. */
    static boolean parks(RuleViolation refusal) {
        return PARKING_CODES.contains(refusal.code());
    }

    static void apply(ApplyPayment command, Draft draft) {
        PaymentFacts payment = command.payment();
        switch (payment.kind()) {
            case INFORMATIONAL -> draft.emit(new PaymentRecorded(command.memberId(), command.movementId(), payment,
                    false, "informational", command.at()));
            case ONE_TIME_PURCHASE -> purchase(command, draft);
            case REFUNDED -> {
                if (draft.state().version() == MonetizationVersion.V2_TIERS) {
                    subscription(command, draft);
                } else {
                    refund(command, draft);
                }
            }
            case SUBSCRIPTION_STARTED, SUBSCRIPTION_RENEWED, SUBSCRIPTION_REACTIVATED, SUBSCRIPTION_CANCELLED,
                 SUBSCRIPTION_EXPIRED, BILLING_ISSUE -> subscription(command, draft);
        }
    }

    private static void purchase(ApplyPayment command, Draft draft) {
        Open wallet = draft.state();
        PaymentFacts payment = command.payment();
        Product product = requireProductOfVersion(command, wallet);
        String key = payment.purchaseKey();
        if (wallet.refunded().contains(key)) {
            draft.emit(new PaymentRecorded(wallet.memberId(), command.movementId(), payment, false,
                    "purchase " + key + " was refunded before it arrived: it brings nothing", command.at()));
            return;
        }
        String id = command.movementId();
        switch (product) {
            case Product.TokenPack pack -> draft.emit(new TokensPurchased(wallet.memberId(), id, payment,
                    pack.productId(), key, pack.tokens(), command.at(), List.of(draft.movement(id,
                            MovementKind.TOKENS_PURCHASED, MeterUnit.TOKENS, pack.tokens(),
                            wallet.tokenBalance() + pack.tokens(), "purchase:" + key, command.at()))));
            case Product.MomentPack pack -> draft.emit(new MomentPackPurchased(wallet.memberId(), id, payment,
                    pack.productId(), key, pack.moments(), pack.momentLength().toSeconds(),
                    payment.occurredAt().plus(pack.validFor()), command.at(), List.of(draft.movement(id,
                            MovementKind.MOMENTS_PURCHASED, MeterUnit.MOMENTS, pack.moments(),
                            wallet.momentBalance() + pack.moments(), "purchase:" + key, command.at()))));
            case Product.Tier tier -> throw RuleViolation.refused(WalletDecider.PAYMENT_NOT_UNDERSTOOD,
                    "a one-time purchase of tier " + tier.productId() + " is not understood");
        }
    }

    private static void refund(ApplyPayment command, Draft draft) {
        Open wallet = draft.state();
        PaymentFacts payment = command.payment();
        String id = command.movementId();
        boolean tokens = wallet.version() == MonetizationVersion.V1_TOKENS;
        Optional<String> found = purchaseKeys(payment).stream()
                .filter(key -> tokens ? wallet.lots().stream().anyMatch(lot -> lot.key().equals(key))
                        : wallet.packs().stream().anyMatch(pack -> pack.key().equals(key)))
                .findFirst();
        if (found.isEmpty()) {
            requireProductOfVersion(command, wallet);
            draft.emit(new PurchaseRefunded(wallet.memberId(), id, payment, payment.purchaseKey(),
                    tokens ? MeterUnit.TOKENS : MeterUnit.MOMENTS, 0, 0, true, command.at(), List.of()));
            return;
        }
        String key = found.get();
        if (wallet.refunded().contains(key)) {
            draft.emit(new PaymentRecorded(wallet.memberId(), id, payment, false,
                    "purchase " + key + " was refunded already", command.at()));
            return;
        }
        long bought;
        long removed;
        MeterUnit unit;
        long balanceAfter;
        if (tokens) {
            TokenLot lot = wallet.lots().stream().filter(candidate -> candidate.key().equals(key)).findFirst()
                    .orElseThrow();
            bought = lot.tokens();
            // tokens a call holds stay with the call: a hold is spendable by nothing else
            removed = Math.min(lot.remaining(), wallet.spendableTokens());
            unit = MeterUnit.TOKENS;
            balanceAfter = wallet.tokenBalance() - removed;
        } else {
            MomentPack pack = wallet.packs().stream().filter(candidate -> candidate.key().equals(key)).findFirst()
                    .orElseThrow();
            bought = pack.moments();
            removed = pack.free();
            unit = MeterUnit.MOMENTS;
            balanceAfter = wallet.momentBalance() - removed;
        }
        List<Movement> movements = removed == 0 ? List.of() : List.of(draft.movement(id,
                MovementKind.PURCHASE_REFUNDED, unit, -removed, balanceAfter, "purchase:" + key, command.at()));
        draft.emit(new PurchaseRefunded(wallet.memberId(), id, payment, key, unit, removed, bought - removed,
                false, command.at(), movements));
    }

    private static List<String> purchaseKeys(PaymentFacts payment) {
        String original = payment.originalPurchaseKey();
        return original == null || original.equals(payment.purchaseKey()) ? List.of(payment.purchaseKey())
                : List.of(payment.purchaseKey(), original);
    }

    private static void subscription(ApplyPayment command, Draft draft) {
        Open wallet = draft.state();
        PaymentFacts payment = command.payment();
        Product product = command.product();
        String key = payment.subscriptionKey();
        Subscription existing = wallet.subscriptions().get(key);
        if (wallet.version() != MonetizationVersion.V2_TIERS || (product != null
                && !(product instanceof Product.Tier)) || (existing == null && product == null)) {
            requireProductOfVersion(command, wallet);
            throw RuleViolation.refused(WalletDecider.PAYMENT_NOT_UNDERSTOOD, "a subscription fact about "
                    + product.productId() + ", which is not a tier");
        }
        Instant at = payment.occurredAt();
        if (existing != null && at.isBefore(existing.newestProviderTime())) {
            draft.emit(new PaymentRecorded(wallet.memberId(), command.movementId(), payment, true,
                    "older than " + existing.newestProviderTime() + ", the newest provider time of subscription "
                            + key, command.at()));
            return;
        }
        TierGrant offered = product == null ? null : TierGrant.of((Product.Tier) product);
        Subscription base = existing != null ? existing.settledAt(at) : Subscription.beforeFirstFact(key, offered, at);
        TierGrant tier = base.tier();
        TierGrant pending = base.pendingTier();
        Instant pendingFrom = base.pendingFrom();
        SubscriptionStatus status;
        switch (payment.kind()) {
            case SUBSCRIPTION_STARTED, SUBSCRIPTION_RENEWED, SUBSCRIPTION_REACTIVATED -> {
                status = SubscriptionStatus.ACTIVE;
                if (offered != null && offered.rank() < tier.rank() && base.periodEnd() != null
                        && at.isBefore(base.periodEnd())) {
                    // a downgrade waits for the end of the paid period
                    pending = offered;
                    pendingFrom = base.periodEnd();
                } else if (offered != null) {
                    tier = offered;
                    pending = null;
                    pendingFrom = null;
                }
            }
            case SUBSCRIPTION_CANCELLED -> status = SubscriptionStatus.CANCELLED_AT_PERIOD_END;
            case BILLING_ISSUE -> status = SubscriptionStatus.IN_GRACE;
            case SUBSCRIPTION_EXPIRED, REFUNDED -> status = SubscriptionStatus.EXPIRED;
            default -> throw new AssertionError("not a subscription fact: " + payment.kind());
        }
        Instant periodEnd = payment.periodEnd() != null && payment.kind() != PaymentEventKind.REFUNDED
                ? payment.periodEnd() : base.periodEnd();
        Instant newest = existing == null || at.isAfter(existing.newestProviderTime()) ? at
                : existing.newestProviderTime();
        draft.emit(new SubscriptionUpdated(wallet.memberId(), command.movementId(), payment,
                new Subscription(key, tier, pending, pendingFrom, status, periodEnd, newest), command.at()));
    }

    /** The command's product, refused for parking when it is unknown or of another version. */
    private static Product requireProductOfVersion(ApplyPayment command, Open wallet) {
        Product product = command.product();
        if (product == null) {
            throw RuleViolation.refused(WalletDecider.PRODUCT_UNKNOWN, "no catalog product is sold under '"
                    + command.payment().productRef() + "'");
        }
        if (product.version() != wallet.version()) {
            throw RuleViolation.refused(WalletDecider.PRODUCT_OF_ANOTHER_VERSION, "product " + product.productId()
                    + " belongs to " + product.version().code() + " but the wallet of member " + wallet.memberId()
                    + " is on " + wallet.version().code());
        }
        return product;
    }
}
