package app.hearth.domain.money.catalog;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One published version of the price lists of all three monetization versions. A new version never changes
 * what members already hold: products keep their ids, and wallets remember what each purchase granted.
 */
@ValueObject
public record Catalog(int catalogVersion, Instant publishedAt, TokenRates tokenRates, List<Product> products) {

    public Catalog {
        if (catalogVersion < 1) {
            throw RuleViolation.invalid("INVALID_CATALOG", "catalogVersion", "catalog versions start at 1");
        }
        RuleViolation.require(tokenRates, "tokenRates");
        products = List.copyOf(products);
        var ids = new HashSet<String>();
        var providerIds = new HashSet<String>();
        for (Product product : products) {
            if (!ids.add(product.productId())) {
                throw RuleViolation.invalid("DUPLICATE_PRODUCT", "products", "product " + product.productId()
                        + " is listed twice");
            }
            for (String providerId : product.providerIds().all()) {
                if (!providerIds.add(providerId)) {
                    throw RuleViolation.invalid("DUPLICATE_PRODUCT", "products", "provider id " + providerId
                            + " is used by two products");
                }
            }
        }
    }

    public Optional<Product> product(String productId) {
        return products.stream().filter(product -> product.productId().equals(productId)).findFirst();
    }

    /** The product sold under a Stripe price id or an app-store product id. */
    public Optional<Product> byProviderId(String providerProductId) {
        return products.stream().filter(product -> product.providerIds().matches(providerProductId)).findFirst();
    }

    public List<Product> of(MonetizationVersion version) {
        return products.stream().filter(product -> product.version() == version).toList();
    }
}
