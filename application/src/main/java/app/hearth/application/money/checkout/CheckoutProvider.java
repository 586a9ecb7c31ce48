package app.hearth.application.money.checkout;

import app.hearth.domain.money.catalog.Product;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The payment provider's hosted checkout (Stripe Checkout). */
@SecondaryPort
public interface CheckoutProvider {

    /** What to sell to whom; {@code idempotencyKey} makes a retried request create one session. */
    record Request(String memberId, Product product, String successUrl, String cancelUrl, String idempotencyKey) {
    }

    /** A created session: where to send the member. */
    record Session(String sessionId, String url) {
    }

    Session create(Request request);
}
