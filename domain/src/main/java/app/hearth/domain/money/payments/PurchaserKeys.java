package app.hearth.domain.money.payments;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a payment event tells about who paid; any may be null. {@code memberId} is set only where the provider
 * echoes our own id (Stripe Checkout's {@code client_reference_id}, Adapty's {@code customer_user_id}).
 */
@ValueObject
public record PurchaserKeys(String memberId, String adaptyProfileId, String stripeCustomerId, String email) {

    public boolean isEmpty() {
        return memberId == null && adaptyProfileId == null && stripeCustomerId == null && email == null;
    }
}
