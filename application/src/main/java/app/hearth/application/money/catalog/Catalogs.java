package app.hearth.application.money.catalog;

import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.Catalog;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.TokenRates;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * The price lists of the three monetization versions, one immutable version after another. A new version never
 * takes anything from a member: products are found by provider id in every version, newest first.
 */
@PrimaryPort
public interface Catalogs {

    String CATALOG_NOT_FOUND = "CATALOG_NOT_FOUND";
    String CATALOG_CHANGED = "CATALOG_CHANGED_CONCURRENTLY";

    /** What a superadmin publishes: the rates and the products; the version and time are given by Hearth. */
    record Draft(TokenRates tokenRates, List<Product> products) {
    }

    /** A published version and who published it. */
    record Published(Catalog catalog, String publishedBy) {
    }

    /** The newest version; CATALOG_NOT_FOUND before any was published. */
    Published current();

    /** Publishes the draft as the next version (superadmin only); validated by {@link Catalog}. */
    Published publish(Actor actor, Draft draft);

    /** The product sold under a Stripe price, Stripe product or store product id, in the newest version listing it. */
    Optional<Product> productByProviderId(String providerProductId);
}
