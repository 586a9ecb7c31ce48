package app.hearth.adapters.money.catalog.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CATALOG_PRODUCT;
import static app.hearth.adapters.shared.jooq.generated.Tables.CATALOG_VERSION;

import app.hearth.adapters.shared.jooq.generated.tables.records.CatalogProductRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.CatalogVersionRecord;
import app.hearth.application.money.catalog.CatalogStore;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.domain.money.catalog.Catalog;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.ProviderIds;
import app.hearth.domain.money.catalog.TokenRates;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** Catalog versions in {@code catalog_version} and their products in {@code catalog_product}. */
@Component
public class JooqCatalogStore implements CatalogStore {

    static final String TOKEN_PACK = "TOKEN_PACK";
    static final String TIER = "TIER";
    static final String MOMENT_PACK = "MOMENT_PACK";

    private final DSLContext sql;
    /** The newest version this node has read: a stored version never changes, so only its number is asked again. */
    private final AtomicReference<Catalogs.Published> newestRead = new AtomicReference<>();

    public JooqCatalogStore(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * The newest version. Every message charge and hold asks for it, so the products of a version are read once per
     * node: each call asks only for the newest version number (one index probe) and reads the whole version only
     * when it is not the one read last.
     */
    @Override
    public Optional<Catalogs.Published> newest() {
        Integer version = sql.select(CATALOG_VERSION.VERSION).from(CATALOG_VERSION)
                .orderBy(CATALOG_VERSION.VERSION.desc()).limit(1).fetchOne(CATALOG_VERSION.VERSION);
        if (version == null) {
            return Optional.empty();
        }
        Catalogs.Published read = newestRead.get();
        if (read != null && read.catalog().catalogVersion() == version) {
            return Optional.of(read);
        }
        Optional<Catalogs.Published> newest = sql.selectFrom(CATALOG_VERSION)
                .where(CATALOG_VERSION.VERSION.eq(version))
                .fetchOptional()
                .map(this::published);
        newest.ifPresent(newestRead::set);
        return newest;
    }

    @Override
    public boolean insert(Catalogs.Published published) {
        Catalog catalog = published.catalog();
        int inserted;
        try {
            inserted = sql.insertInto(CATALOG_VERSION)
                    .set(CATALOG_VERSION.VERSION, catalog.catalogVersion())
                    .set(CATALOG_VERSION.PUBLISHED_AT, catalog.publishedAt().atOffset(ZoneOffset.UTC))
                    .set(CATALOG_VERSION.PUBLISHED_BY, published.publishedBy())
                    .set(CATALOG_VERSION.TOKENS_PER_AUDIO_MINUTE, catalog.tokenRates().perAudioMinute())
                    .set(CATALOG_VERSION.TOKENS_PER_VIDEO_MINUTE, catalog.tokenRates().perVideoMinute())
                    .set(CATALOG_VERSION.TOKENS_PER_CHAT_MESSAGE, catalog.tokenRates().perChatMessage())
                    .onConflictDoNothing()
                    .execute();
        } catch (DuplicateKeyException taken) {
            return false;
        }
        if (inserted == 0) {
            return false;
        }
        int position = 0;
        for (Product product : catalog.products()) {
            CatalogProductRecord row = sql.newRecord(CATALOG_PRODUCT);
            row.setVersion(catalog.catalogVersion());
            row.setProductId(product.productId());
            row.setPosition(++position);
            row.setStripePriceId(product.providerIds().stripePriceId());
            row.setStoreProductId(product.providerIds().storeProductId());
            row.setStripeProductId(product.providerIds().stripeProductId());
            row.setPriceCents(product.priceCents());
            row.setCurrency(product.currency());
            switch (product) {
                case Product.TokenPack pack -> {
                    row.setKind(TOKEN_PACK);
                    row.setTokens(pack.tokens());
                }
                case Product.Tier tier -> {
                    row.setKind(TIER);
                    row.setTierName(tier.name());
                    row.setTierRank(tier.rank());
                    row.setDailyCallSeconds(tier.dailyCallSeconds());
                    row.setDailyMessages(tier.dailyMessages());
                }
                case Product.MomentPack pack -> {
                    row.setKind(MOMENT_PACK);
                    row.setMoments(pack.moments());
                    row.setMomentSeconds(pack.momentLength().toSeconds());
                    row.setValidForSeconds(pack.validFor().toSeconds());
                }
            }
            row.insert();
        }
        return true;
    }

    @Override
    public Optional<Product> newestSoldAs(String providerProductId) {
        return sql.selectFrom(CATALOG_PRODUCT)
                .where(CATALOG_PRODUCT.STRIPE_PRICE_ID.eq(providerProductId)
                        .or(CATALOG_PRODUCT.STORE_PRODUCT_ID.eq(providerProductId))
                        .or(CATALOG_PRODUCT.STRIPE_PRODUCT_ID.eq(providerProductId)))
                .orderBy(CATALOG_PRODUCT.VERSION.desc())
                .limit(1)
                .fetchOptional()
                .map(JooqCatalogStore::product);
    }

    private Catalogs.Published published(CatalogVersionRecord version) {
        var products = new ArrayList<Product>();
        sql.selectFrom(CATALOG_PRODUCT).where(CATALOG_PRODUCT.VERSION.eq(version.getVersion()))
                .orderBy(CATALOG_PRODUCT.POSITION)
                .forEach(row -> products.add(product(row)));
        var catalog = new Catalog(version.getVersion(), version.getPublishedAt().toInstant(),
                new TokenRates(version.getTokensPerAudioMinute(), version.getTokensPerVideoMinute(),
                        version.getTokensPerChatMessage()), products);
        return new Catalogs.Published(catalog, version.getPublishedBy());
    }

    static Product product(CatalogProductRecord row) {
        var ids = new ProviderIds(row.getStripePriceId(), row.getStoreProductId(), row.getStripeProductId());
        return switch (row.getKind()) {
            case TOKEN_PACK -> new Product.TokenPack(row.getProductId(), ids, row.getPriceCents(), row.getCurrency(),
                    row.getTokens());
            case TIER -> new Product.Tier(row.getProductId(), ids, row.getPriceCents(), row.getCurrency(),
                    row.getTierName(), row.getTierRank(), row.getDailyCallSeconds(), row.getDailyMessages());
            case MOMENT_PACK -> new Product.MomentPack(row.getProductId(), ids, row.getPriceCents(),
                    row.getCurrency(), row.getMoments(), Duration.ofSeconds(row.getMomentSeconds()),
                    Duration.ofSeconds(row.getValidForSeconds()));
            default -> throw new IllegalStateException("unknown catalog product kind " + row.getKind());
        };
    }
}
