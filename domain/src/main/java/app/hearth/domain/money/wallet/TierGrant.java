package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.Product;
import org.jmolecules.ddd.annotation.ValueObject;

/** What a tier grants per local day, as recorded when the subscription moved (later catalogs change nothing). */
@ValueObject
public record TierGrant(String productId, String name, int rank, long dailyCallSeconds, long dailyMessages) {

    public static TierGrant of(Product.Tier tier) {
        return new TierGrant(tier.productId(), tier.name(), tier.rank(), tier.dailyCallSeconds(), tier.dailyMessages());
    }
}
