package app.hearth.application.money.checkout;

import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.wallet.WalletAccess;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.shared.RuleViolation;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;

/**
 * Starts a Stripe Checkout for a product of the member's own version from the current catalog, with the member's
 * id as {@code client_reference_id} so the webhook names the purchaser (semantics.md "Payment events", step 3).
 */
public class CheckoutSessions {

    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";
    public static final String PRODUCT_OF_ANOTHER_VERSION = "PRODUCT_OF_ANOTHER_VERSION";
    public static final String NOT_SOLD_ON_THE_WEB = "PRODUCT_NOT_SOLD_ON_THE_WEB";

    private final Catalogs catalogs;
    private final WalletAccess wallets;
    private final CheckoutProvider provider;
    private final Clock clock;

    public CheckoutSessions(Catalogs catalogs, WalletAccess wallets, CheckoutProvider provider, Clock clock) {
        this.catalogs = catalogs;
        this.wallets = wallets;
        this.provider = provider;
        this.clock = clock;
    }

    public CheckoutProvider.Session start(Actor member, String productId, String successUrl, String cancelUrl,
                                          String idempotencyKey) {
        RuleViolation.requireText(productId, "productId");
        RuleViolation.requireText(idempotencyKey, "Idempotency-Key");
        Product product = catalogs.current().catalog().product(productId).orElseThrow(() ->
                RuleViolation.notFound(PRODUCT_NOT_FOUND, "the current catalog sells no product " + productId));
        var version = wallets.state(member.userId(), clock.instant()).version();
        if (product.version() != version) {
            throw RuleViolation.refused(PRODUCT_OF_ANOTHER_VERSION, "product " + productId + " belongs to "
                    + product.version().code() + "; your wallet is on " + version.code());
        }
        if (product.providerIds().stripePriceId() == null) {
            throw RuleViolation.refused(NOT_SOLD_ON_THE_WEB, "product " + productId + " is sold only in the app");
        }
        return provider.create(new CheckoutProvider.Request(member.userId(), product, url(successUrl, "successUrl"),
                url(cancelUrl, "cancelUrl"), member.userId() + ":" + idempotencyKey));
    }

    private static String url(String text, String field) {
        RuleViolation.requireText(text, field);
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return text;
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw RuleViolation.invalid("INVALID_URL", field, field + " must be an absolute http(s) URL");
    }
}
