package app.hearth.domain.money.catalog;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The ids a product is sold under: a Stripe price id (web), an app-store product id (through Adapty), and the
 * Stripe product of the price ({@code stripeProductId}, optional: Adapty reports Stripe purchases by it as their
 * {@code vendor_product_id}).
 */
@ValueObject
public record ProviderIds(String stripePriceId, String storeProductId, String stripeProductId) {

    public ProviderIds(String stripePriceId, String storeProductId) {
        this(stripePriceId, storeProductId, null);
    }

    public boolean matches(String providerProductId) {
        return providerProductId != null && (providerProductId.equals(stripePriceId)
                || providerProductId.equals(storeProductId) || providerProductId.equals(stripeProductId));
    }

    /** Every id set, in a fixed order. */
    public java.util.List<String> all() {
        var ids = new java.util.ArrayList<String>(3);
        for (String id : new String[] {stripePriceId, storeProductId, stripeProductId}) {
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
