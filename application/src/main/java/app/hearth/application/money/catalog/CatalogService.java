package app.hearth.application.money.catalog;

import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.Catalog;
import app.hearth.domain.money.catalog.CatalogPermissions;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Publishes catalog versions one after another and answers product look-ups. */
public class CatalogService implements Catalogs {

    private static final System.Logger log = System.getLogger(CatalogService.class.getName());

    private final CatalogStore store;
    private final Transactions transactions;
    private final Clock clock;

    public CatalogService(CatalogStore store, Transactions transactions, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Published current() {
        return store.newest().orElseThrow(() -> RuleViolation.notFound(CATALOG_NOT_FOUND,
                "no catalog has been published"));
    }

    @Override
    public Published publish(Actor actor, Draft draft) {
        CatalogPermissions.requirePublish(actor);
        RuleViolation.require(draft, "catalog");
        return transactions.inTransaction(() -> {
            int next = store.newest().map(published -> published.catalog().catalogVersion() + 1).orElse(1);
            var catalog = new Catalog(next, clock.instant(), draft.tokenRates(),
                    draft.products() == null ? List.of() : draft.products());
            var published = new Published(catalog, actor.recorded());
            if (!store.insert(published)) {
                throw RuleViolation.conflict(CATALOG_CHANGED, "catalog version " + next
                        + " was published concurrently; read the current catalog and publish again");
            }
            log.log(System.Logger.Level.INFO, "catalog version {0} published by {1} ({2} products)", next,
                    actor.recorded(), catalog.products().size());
            return published;
        });
    }

    @Override
    public Optional<Product> productByProviderId(String providerProductId) {
        if (providerProductId == null || providerProductId.isBlank()) {
            return Optional.empty();
        }
        return store.newestSoldAs(providerProductId.strip());
    }
}
