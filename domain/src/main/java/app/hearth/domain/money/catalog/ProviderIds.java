package app.hearth.domain.money.catalog;

import org.jmolecules.ddd.annotation.ValueObject;

/** The ids a product is sold under: a Stripe price id (web) and an app-store product id (through Adapty). */
@ValueObject
public record ProviderIds(String stripePriceId, String storeProductId) {

    public boolean matches(String providerProductId) {
        return providerProductId != null
                && (providerProductId.equals(stripePriceId) || providerProductId.equals(storeProductId));
    }
}
