package app.hearth.adapters.money.catalog.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.Catalog;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.ProviderIds;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The catalog over HTTP: anyone signed in reads the current version; superadmins publish the next one. */
@RestController
@Tag(name = "Catalog", description = "Token packs, tiers, moment packs and token rates, by catalog version")
public class CatalogController {

    public static final String CATALOG = "/api/v1/catalog";
    public static final String ADMIN_CATALOGS = "/api/v1/admin/catalogs";

    /** V1 rates in tokens: per started audio minute, per started video minute, per chat message. */
    public record RatesBody(@NotNull Long perAudioMinute, @NotNull Long perVideoMinute, @NotNull Long perChatMessage) {
    }

    /**
     * One product. {@code kind} is {@code token_pack} ({@code tokens}), {@code tier} ({@code name}, {@code rank},
     * {@code dailyCallSeconds}, {@code dailyMessages}) or {@code moment_pack} ({@code moments},
     * {@code momentMinutes}, {@code validForDays}). Prices in the currency's smallest unit.
     */
    public record ProductBody(String kind, String productId, String stripePriceId, String storeProductId,
                              String stripeProductId, Long priceCents, String currency, Long tokens, String name,
                              Integer rank, Long dailyCallSeconds, Long dailyMessages, Integer moments,
                              Long momentMinutes, Long validForDays) {

        static ProductBody of(Product product) {
            ProviderIds ids = product.providerIds();
            return switch (product) {
                case Product.TokenPack pack -> new ProductBody("token_pack", pack.productId(), ids.stripePriceId(),
                        ids.storeProductId(), ids.stripeProductId(), pack.priceCents(), pack.currency(),
                        pack.tokens(), null, null, null, null, null, null, null);
                case Product.Tier tier -> new ProductBody("tier", tier.productId(), ids.stripePriceId(),
                        ids.storeProductId(), ids.stripeProductId(), tier.priceCents(), tier.currency(), null,
                        tier.name(), tier.rank(), tier.dailyCallSeconds(), tier.dailyMessages(), null, null, null);
                case Product.MomentPack pack -> new ProductBody("moment_pack", pack.productId(),
                        ids.stripePriceId(), ids.storeProductId(), ids.stripeProductId(), pack.priceCents(),
                        pack.currency(), null, null, null, null, null, pack.moments(),
                        pack.momentLength().toMinutes(), pack.validFor().toDays());
            };
        }

        Product toProduct(int index) {
            String field = "products[" + index + "]";
            var ids = new ProviderIds(blankToNull(stripePriceId), blankToNull(storeProductId),
                    blankToNull(stripeProductId));
            long price = required(priceCents, field + ".priceCents");
            String money = RuleViolation.requireText(currency, field + ".currency").strip().toUpperCase(Locale.ROOT);
            if (price < 0 || money.length() != 3) {
                throw RuleViolation.invalid("INVALID_PRODUCT", field + ".priceCents",
                        "prices are not negative and currencies are ISO 4217 codes");
            }
            if (productId != null && productId.length() > 128
                    || ids.all().stream().anyMatch(id -> id.length() > 255)) {
                throw RuleViolation.invalid("INVALID_PRODUCT", field + ".productId",
                        "product ids have at most 128 characters, provider ids at most 255");
            }
            if (momentMinutes != null && (momentMinutes > 24 * 60) || validForDays != null && validForDays > 3650) {
                throw RuleViolation.invalid("INVALID_PRODUCT", field + ".momentMinutes",
                        "a moment lasts at most a day and a pack is valid for at most 10 years");
            }
            return switch (RuleViolation.requireText(kind, field + ".kind").strip().toLowerCase(Locale.ROOT)) {
                case "token_pack" -> new Product.TokenPack(productId, ids, price, money,
                        required(tokens, field + ".tokens"));
                case "tier" -> new Product.Tier(productId, ids, price, money,
                        RuleViolation.requireText(name, field + ".name"), required(rank, field + ".rank"),
                        required(dailyCallSeconds, field + ".dailyCallSeconds"),
                        required(dailyMessages, field + ".dailyMessages"));
                case "moment_pack" -> new Product.MomentPack(productId, ids, price, money,
                        required(moments, field + ".moments"),
                        Duration.ofMinutes(required(momentMinutes, field + ".momentMinutes")),
                        Duration.ofDays(required(validForDays, field + ".validForDays")));
                default -> throw RuleViolation.invalid("INVALID_PRODUCT", field + ".kind",
                        "kind is token_pack, tier or moment_pack");
            };
        }
    }

    /** A catalog to publish: the rates and every product on sale (products of older versions stay valid). */
    public record CatalogRequest(@NotNull @Valid RatesBody tokenRates,
                                 @NotNull @Size(max = 200) List<ProductBody> products) {
    }

    /** A published catalog version. */
    public record CatalogResponse(int version, Instant publishedAt, String publishedBy, RatesBody tokenRates,
                                  List<ProductBody> products) {
        static CatalogResponse of(Catalogs.Published published) {
            Catalog catalog = published.catalog();
            TokenRates rates = catalog.tokenRates();
            return new CatalogResponse(catalog.catalogVersion(), catalog.publishedAt(), published.publishedBy(),
                    new RatesBody(rates.perAudioMinute(), rates.perVideoMinute(), rates.perChatMessage()),
                    catalog.products().stream().map(ProductBody::of).toList());
        }
    }

    private final Catalogs catalogs;

    public CatalogController(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    @GetMapping(CATALOG)
    @ProblemResponses({404})
    @Operation(operationId = "getCatalog",
            summary = "The current catalog: token rates, token packs, tiers and moment packs (signed in)")
    public CatalogResponse current() {
        return CatalogResponse.of(catalogs.current());
    }

    @PostMapping(ADMIN_CATALOGS)
    @ApiResponse(responseCode = "201", description = "The published catalog")
    @ProblemResponses({409})
    @Operation(operationId = "publishCatalog",
            summary = "Publish the next catalog version (superadmin); earlier versions' products stay valid")
    public ResponseEntity<CatalogResponse> publish(@Parameter(hidden = true) Actor actor,
                                                   @Valid @RequestBody CatalogRequest request) {
        var products = new ArrayList<Product>();
        for (int i = 0; i < request.products().size(); i++) {
            ProductBody body = request.products().get(i);
            if (body == null) {
                throw RuleViolation.invalid("FIELD_REQUIRED", "products[" + i + "]", "a product is required");
            }
            products.add(body.toProduct(i));
        }
        var rates = new TokenRates(request.tokenRates().perAudioMinute(), request.tokenRates().perVideoMinute(),
                request.tokenRates().perChatMessage());
        var published = catalogs.publish(actor, new Catalogs.Draft(rates, products));
        return ResponseEntity.created(URI.create(CATALOG)).body(CatalogResponse.of(published));
    }

    private static <T> T required(T value, String field) {
        return RuleViolation.require(value, field);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
