package app.hearth.application.money.wallet;

import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.PurchaseListener;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.wallet.PaymentFacts;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;

/**
 * Applies payment facts to wallets, routed by the wallet's version (semantics.md "Payment events", steps 4 and 5):
 * the product is looked up in every catalog version by the provider's product id; the wallet decides, atomically
 * with its version, whether the fact belongs to it. A fact that does not is parked (never dropped) and raises an
 * alert in the log.
 */
public class WalletPaymentApplication implements PaymentApplication {

    private static final System.Logger log = System.getLogger(WalletPaymentApplication.class.getName());

    private final WalletAccess wallets;
    private final Catalogs catalogs;
    private final Clock clock;
    private final java.util.List<PurchaseListener> purchaseListeners;

    public WalletPaymentApplication(WalletAccess wallets, Catalogs catalogs, Clock clock,
                                    java.util.List<PurchaseListener> purchaseListeners) {
        this.wallets = wallets;
        this.catalogs = catalogs;
        this.clock = clock;
        this.purchaseListeners = java.util.List.copyOf(purchaseListeners);
    }

    @Override
    public Result apply(String memberId, PaymentEvent event) {
        RuleViolation.requireText(memberId, "memberId");
        RuleViolation.require(event, "event");
        Product product = catalogs.productByProviderId(event.productRef()).orElse(null);
        var command = new WalletCommand.ApplyPayment(memberId, event.dedupeKey(), PaymentFacts.of(event), product,
                clock.instant());
        // A refusal by a parking rule comes back as a PARKED receipt: for the wallet, parking is an answer.
        WalletReceipt receipt = wallets.send(command);
        if (receipt.isParked()) {
            log.log(System.Logger.Level.WARNING, "ALERT payment parked for review: member={0} event={1}/{2} "
                    + "kind={3} product={4}: {5}", memberId, event.provider(), event.providerEventId(), event.kind(),
                    event.productRef(), receipt.reason());
            return new Result(Outcome.PARKED, receipt.reason());
        }
        if (receipt.alreadyRecorded()) {
            return new Result(Outcome.ALREADY_APPLIED, null);
        }
        if ("OUT_OF_ORDER".equals(receipt.outcome())) {
            return new Result(Outcome.OUT_OF_ORDER, "older than the newest provider time of subscription "
                    + event.subscriptionKey());
        }
        if (event.kind() == PaymentEventKind.REFUNDED && receipt.released() > 0) {
            log.log(System.Logger.Level.WARNING, "SUPPORT refund shortfall: member={0} purchase={1}: {2} units "
                    + "of the refunded purchase were already spent or held and stay with the member",
                    memberId, event.transactionId(), receipt.released());
        }
        if (product != null && (event.kind() == PaymentEventKind.ONE_TIME_PURCHASE
                || event.kind() == PaymentEventKind.SUBSCRIPTION_STARTED)) {
            purchaseListeners.forEach(listener -> listener.purchased(memberId, product.productId(),
                    event.amountCents(), event.currency(), event.dedupeKey(), event.occurredAt()));
        }
        return new Result(Outcome.APPLIED, null);
    }
}
