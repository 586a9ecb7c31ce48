package app.hearth.application.money.catalog;

import app.hearth.domain.money.catalog.Product;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where catalog versions are kept; a version once stored never changes. */
@SecondaryPort
public interface CatalogStore {

    Optional<Catalogs.Published> newest();

    /** Stores a new version; false when that version number is already taken (a concurrent publication). */
    boolean insert(Catalogs.Published published);

    /** The product sold under {@code providerProductId} in the newest version that lists one. */
    Optional<Product> newestSoldAs(String providerProductId);
}
