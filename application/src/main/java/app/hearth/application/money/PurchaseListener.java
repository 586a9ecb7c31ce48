package app.hearth.application.money;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Hears of purchases once they are applied to a wallet (paywall experiments count them). Called in the payment's
 * transaction, once per purchase key; a listener must be idempotent on {@code purchaseKey}.
 */
@SecondaryPort
public interface PurchaseListener {

    void purchased(String memberId, String productId, long amountCents, String currency, String purchaseKey,
                   Instant at);
}
