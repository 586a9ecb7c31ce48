package app.hearth.money.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.PaymentApplication.Outcome;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Wallets through the whole application: opened on registration, read by their member only, the catalog and its
 * versions, payment facts routed by version (parked, out of order, already applied), metering idempotency and the
 * short-call rule, and the V2 day that resets at the member's local midnight.
 */
class WalletIT extends IntegrationTest {

    static final String WALLET = "/api/v1/me/wallet";
    static final Actor ADMIN = new Actor("wallet-admin", Role.ADMIN);

    @Autowired
    Wallets wallets;
    @Autowired
    Metering metering;
    @Autowired
    PaymentApplication payments;

    static String member() {
        return "wallet-member-" + UUID.randomUUID();
    }

    Map<String, Object> profile(String zone) {
        var body = new LinkedHashMap<String, Object>();
        body.put("displayName", "Ada");
        body.put("birthYear", 1948);
        body.put("languages", List.of("en"));
        body.put("timeZone", zone);
        body.put("interests", List.of("music"));
        return body;
    }

    static PaymentEvent event(String eventId, PaymentEventKind kind, Store store, String transactionId,
                              String originalTransactionId, String productRef, Instant occurredAt,
                              Instant periodEnd, String memberId) {
        return new PaymentEvent("adapty", eventId, kind, store, transactionId, originalTransactionId, productRef, 999,
                "USD", occurredAt, periodEnd, new PurchaserKeys(memberId, null, null, null));
    }

    @Test
    void aMemberGetsAV1WalletWhenTheyRegisterAndSeesOnlyTheirOwn() {
        String ada = member();
        var api = as("member", ada);
        assertThat(api.put("/api/v1/me/profile", profile("Europe/Berlin")).status()).isEqualTo(201);
        Long opened = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, "wallet:" + ada);
        assertThat(opened).isEqualTo(1);

        var wallet = api.get(WALLET);
        assertThat(wallet.status()).isEqualTo(200);
        assertThat(wallet.body().get("version").asString()).isEqualTo("v1");
        assertThat(wallet.body().get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(wallet.body().get("tokens").get("paid").asLong()).isZero();
        assertThat(wallet.body().get("tier").isNull()).isTrue();

        wallets.grant(ADMIN, ada, "welcome", 40, "welcome bonus");
        assertThat(api.get(WALLET).body().get("tokens").get("granted").asLong()).isEqualTo(40);
        // another member, never registered, gets a wallet of their own on first use, empty
        var other = as("member", member()).get(WALLET);
        assertThat(other.body().get("tokens").get("granted").asLong()).isZero();
        assertThat(anonymous().get(WALLET).status()).isEqualTo(401);
    }

    @Test
    void theCatalogIsReadBySignedInUsersAndPublishedBySuperadminsAsANewVersion() {
        var catalog = as("member", member()).get("/api/v1/catalog");
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.body().get("tokenRates").get("perAudioMinute").asLong()).isEqualTo(10);
        var premium = product(catalog.body(), "premium");
        assertThat(premium.get("stripePriceId").asString()).isEqualTo("price_132FU2RrHuoIQciTTPatXhOa");
        assertThat(premium.get("storeProductId").asString()).isEqualTo("premium_monthly");
        assertThat(product(catalog.body(), "moments_5").get("momentMinutes").asLong()).isEqualTo(20);
        assertThat(product(catalog.body(), "moments_5").get("validForDays").asLong()).isEqualTo(90);

        var body = defaultCatalogBody(catalog.body());
        assertThat(as("admin", "catalog-admin").post("/api/v1/admin/catalogs", body).status()).isEqualTo(403);
        var published = as("superadmin", "catalog-superadmin").post("/api/v1/admin/catalogs", body);
        assertThat(published.status()).isEqualTo(201);
        assertThat(published.body().get("version").asInt()).isGreaterThan(catalog.body().get("version").asInt());
        assertThat(published.body().get("publishedBy").asString()).isEqualTo("superadmin:catalog-superadmin");

        var tierWithoutRank = new LinkedHashMap<String, Object>(body);
        tierWithoutRank.put("products", List.of(Map.of("kind", "tier", "productId", "gold", "priceCents", 100,
                "currency", "USD", "name", "Gold", "dailyCallSeconds", 60, "dailyMessages", 1)));
        var refused = as("superadmin", "catalog-superadmin").post("/api/v1/admin/catalogs", tierWithoutRank);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("FIELD_REQUIRED");
        assertThat(refused.body().get("field").asString()).isEqualTo("products[0].rank");
        var duplicate = new LinkedHashMap<String, Object>(body);
        duplicate.put("products", List.of(Map.of("kind", "token_pack", "productId", "a", "priceCents", 1,
                "currency", "USD", "tokens", 1, "storeProductId", "same"), Map.of("kind", "token_pack",
                "productId", "b", "priceCents", 1, "currency", "USD", "tokens", 1, "storeProductId", "same")));
        assertThat(as("superadmin", "catalog-superadmin").post("/api/v1/admin/catalogs", duplicate).code())
                .isEqualTo("DUPLICATE_PRODUCT");
        var unknownKind = new LinkedHashMap<String, Object>(body);
        unknownKind.put("products", List.of(Map.of("kind", "gift", "productId", "g", "priceCents", 1,
                "currency", "USD")));
        assertThat(as("superadmin", "catalog-superadmin").post("/api/v1/admin/catalogs", unknownKind).code())
                .isEqualTo("INVALID_PRODUCT");
    }

    @Test
    void aProductDroppedFromTheNewestCatalogIsStillFoundInTheVersionThatSoldIt() {
        var superadmin = as("superadmin", "catalog-superadmin");
        var current = superadmin.get("/api/v1/catalog").body();
        var body = defaultCatalogBody(current);
        @SuppressWarnings("unchecked")
        var products = new ArrayList<>((List<Map<String, Object>>) body.get("products"));
        products.removeIf(product -> product.get("productId").equals("tokens_500"));
        var reduced = new LinkedHashMap<String, Object>(body);
        reduced.put("products", products);
        try {
            assertThat(superadmin.post("/api/v1/admin/catalogs", reduced).status()).isEqualTo(201);
            assertThat(superadmin.get("/api/v1/catalog").body().get("products").toString())
                    .doesNotContain("tokens_500");
            String ada = member();
            var bought = event("evt-500", PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_500", null,
                    "price_hearth_tokens_500", Instant.now(), null, ada);
            assertThat(payments.apply(ada, bought).outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(as("member", ada).get(WALLET).body().get("tokens").get("paid").asLong()).isEqualTo(500);
        } finally {
            // the next version is the default catalog again, for the other tests of this run
            assertThat(superadmin.post("/api/v1/admin/catalogs", body).status()).isEqualTo(201);
        }
    }

    @Test
    void paymentFactsApplyOnceAreRoutedByVersionAndAProductOfAnotherVersionIsParked() {
        String ada = member();
        Instant now = Instant.now();
        var tokens = event("evt-1", PaymentEventKind.ONE_TIME_PURCHASE, Store.APP_STORE, "2000001328710122",
                "2000001328710122", "tokens_100", now, null, ada);
        assertThat(payments.apply(ada, tokens).outcome()).isEqualTo(Outcome.APPLIED);
        // the same purchase again, also as reported by another delivery: once
        assertThat(payments.apply(ada, tokens).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        var premium = event("evt-2", PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE,
                "in_1Zz92KRrHuoIQciTYfPBFxSX", "in_1Zz92KRrHuoIQciTYfPBFxSX", "price_132FU2RrHuoIQciTTPatXhOa", now,
                now.plus(Duration.ofDays(30)), ada);
        var parked = payments.apply(ada, premium);
        assertThat(parked.outcome()).isEqualTo(Outcome.PARKED);
        assertThat(parked.reason()).contains(WalletDecider.PRODUCT_OF_ANOTHER_VERSION).contains("premium");
        var unknown = event("evt-3", PaymentEventKind.ONE_TIME_PURCHASE, Store.APP_STORE, "t-unknown", null,
                "no_such_product", now, null, ada);
        assertThat(payments.apply(ada, unknown).outcome()).isEqualTo(Outcome.PARKED);
        assertThat(as("member", ada).get(WALLET).body().get("tokens").get("paid").asLong()).isEqualTo(100);

        // on V2 the same subscription applies; the Stripe product id that Adapty reports finds it too
        wallets.migrate(ADMIN, ada, "to-v2", MonetizationVersion.V2_TIERS, new ConversionRule("v1-to-v2", 1, 0, 0,
                0), false);
        assertThat(payments.apply(ada, premium).outcome()).isEqualTo(Outcome.APPLIED);
        var cancelled = event("evt-4", PaymentEventKind.SUBSCRIPTION_CANCELLED, Store.STRIPE, "in-cancel",
                "in_1Zz92KRrHuoIQciTYfPBFxSX", "prod_RUFzDvZSwTg7Du", now.plusSeconds(60),
                now.plus(Duration.ofDays(30)), ada);
        assertThat(payments.apply(ada, cancelled).outcome()).isEqualTo(Outcome.APPLIED);
        var lateRenewal = event("evt-5", PaymentEventKind.SUBSCRIPTION_RENEWED, Store.STRIPE, "in-late",
                "in_1Zz92KRrHuoIQciTYfPBFxSX", "price_132FU2RrHuoIQciTTPatXhOa", now.plusSeconds(30),
                now.plus(Duration.ofDays(30)), ada);
        assertThat(payments.apply(ada, lateRenewal).outcome()).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(payments.apply(ada, lateRenewal).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);

        var tier = as("member", ada).get(WALLET).body().get("tier");
        assertThat(tier.get("productId").asString()).isEqualTo("premium");
        assertThat(tier.get("status").asString()).isEqualTo("cancelled_at_period_end");
    }

    @Test
    void meteringIsIdempotentOnTheCallersIdsAndACallUnderSixtySecondsIsFree() {
        String ada = member();
        wallets.grant(ADMIN, ada, "g1", 100, "promo");
        Instant t = Instant.now();
        assertThat(metering.canStart(ada, CallKind.VIDEO, t)).isTrue();

        var held = metering.placeHold(ada, "call-1", CallKind.AUDIO, 120, t);
        assertThat(held.held()).isEqualTo(20);
        assertThat(held.coveredSeconds()).isEqualTo(120);
        var again = metering.placeHold(ada, "call-1", CallKind.AUDIO, 120, t);
        assertThat(again.alreadyRecorded()).isTrue();
        assertThat(again.held()).isEqualTo(20);
        var shortCall = metering.captureHold(ada, "call-1", CallVerdict.judge(59, 59), t.plusSeconds(59));
        assertThat(shortCall.status()).isEqualTo(WalletReceipt.HoldStatus.CAPTURED);
        assertThat(shortCall.charged()).isZero();
        assertThat(shortCall.released()).isEqualTo(20);
        assertThat(metering.captureHold(ada, "call-1", CallVerdict.judge(59, 59), t.plusSeconds(59)).alreadyRecorded())
                .isTrue();

        metering.placeHold(ada, "call-2", CallKind.AUDIO, 120, t.plusSeconds(100));
        metering.extendHold(ada, "call-2", "minute-1", 60, t.plusSeconds(160));
        assertThat(metering.extendHold(ada, "call-2", "minute-1", 60, t.plusSeconds(160)).alreadyRecorded()).isTrue();
        var captured = metering.captureHold(ada, "call-2", CallVerdict.judge(61, 61), t.plusSeconds(161));
        assertThat(captured.charged()).isEqualTo(20); // two started minutes at 10 tokens
        assertThat(metering.chargeMessage(ada, "msg-1", "companion-1", t.plusSeconds(200)).charged()).isEqualTo(1);
        assertThat(metering.chargeMessage(ada, "msg-1", "companion-1", t.plusSeconds(200)).alreadyRecorded())
                .isTrue();

        var wallet = as("member", ada).get(WALLET).body().get("tokens");
        assertThat(wallet.get("granted").asLong()).isEqualTo(79);
        assertThat(wallet.get("held").asLong()).isZero();
        assertThatThrownBy(() -> metering.captureHold(ada, "no-such-call", CallVerdict.judge(60, 60), t))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(WalletDecider.HOLD_NOT_FOUND));

        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
        var page = as("member", ada).get(WALLET + "/movements?limit=2").body();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("kind").asString()).isEqualTo("message_charged");
        assertThat(page.get("items").get(0).get("balanceAfter").asLong()).isEqualTo(79);
        assertThat(page.get("items").get(1).get("amount").asLong()).isEqualTo(-20);
        var rest = as("member", ada).get(WALLET + "/movements?limit=2&cursor=" + page.get("nextCursor").asString())
                .body();
        assertThat(rest.get("items")).singleElement()
                .satisfies(first -> assertThat(first.get("kind").asString()).isEqualTo("tokens_granted"));
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(as("member", ada).get(WALLET + "/movements?cursor=bogus").code()).isEqualTo("INVALID_CURSOR");
        assertThat(jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class, ada))
                .isEqualTo(79);
    }

    @Test
    void theV2AllowanceResetsAtTheMembersLocalMidnight() {
        String ada = member();
        var api = as("member", ada);
        api.put("/api/v1/me/profile", profile("Asia/Tokyo"));
        wallets.migrate(ADMIN, ada, "to-v2", MonetizationVersion.V2_TIERS, new ConversionRule("v1-to-v2", 1, 0, 0,
                0), false);
        // the last Tokyo midnight that lies at least 10 minutes back: the day before it and the day after it are
        // driven with explicit times, and the wallet's own view (at the real now) shows the day after it
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant started = Instant.now();
        Instant midnight = LocalDate.ofInstant(started, tokyo).atStartOfDay(tokyo).toInstant();
        boolean sameDayAsNow = started.isAfter(midnight.plus(Duration.ofMinutes(10)));
        if (!sameDayAsNow) {
            midnight = midnight.minus(Duration.ofDays(1));
        }
        var basic = event("evt-basic", PaymentEventKind.SUBSCRIPTION_STARTED, Store.PLAY_STORE, "GPA.basic",
                "GPA.basic", "onemonth_no_trial", midnight.minus(Duration.ofHours(2)),
                midnight.plus(Duration.ofDays(30)), ada);
        assertThat(payments.apply(ada, basic).outcome()).isEqualTo(Outcome.APPLIED);

        // the 20 messages of Basic, the last minutes before Tokyo midnight
        Instant late = midnight.minus(Duration.ofMinutes(10));
        for (int i = 0; i < 20; i++) {
            metering.chargeMessage(ada, "late-" + i, "companion-1", late.plusSeconds(i));
        }
        assertThatThrownBy(() -> metering.chargeMessage(ada, "late-20", "companion-1", late.plusSeconds(30)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(WalletDecider.INSUFFICIENT_BALANCE));
        // a call that starts before midnight counts against that day, however long it runs
        var hold = metering.placeHold(ada, "late-call", CallKind.AUDIO, 120, midnight.minusSeconds(90));
        metering.extendHold(ada, "late-call", "m1", 60, midnight.minusSeconds(30));
        metering.captureHold(ada, "late-call", CallVerdict.judge(150, 150), midnight.plusSeconds(60));
        assertThat(hold.held()).isEqualTo(120);

        // at local midnight the whole allowance is back: nothing rolled over, nothing of yesterday's call counts
        assertThat(metering.canStart(ada, CallKind.VIDEO, midnight)).isTrue();
        assertThat(metering.chargeMessage(ada, "next-day-0", "companion-1", midnight.plusSeconds(61)).charged())
                .isEqualTo(1);
        var held = metering.placeHold(ada, "next-call", CallKind.AUDIO, 10_000, midnight.plusSeconds(120));
        assertThat(held.held()).isEqualTo(1800);
        metering.releaseHold(ada, "next-call", midnight.plusSeconds(121));

        var tier = api.get(WALLET).body().get("tier");
        assertThat(tier.get("productId").asString()).isEqualTo("basic");
        assertThat(tier.get("status").asString()).isEqualTo("active");
        Instant now = Instant.now();
        Instant nextMidnight = LocalDate.ofInstant(now, tokyo).plusDays(1).atStartOfDay(tokyo).toInstant();
        assertThat(Instant.parse(tier.get("resetsAt").asString())).isEqualTo(nextMidnight);
        if (sameDayAsNow) {
            assertThat(tier.get("messagesLeft").asLong()).isEqualTo(19);
            assertThat(tier.get("callSecondsLeft").asLong()).isEqualTo(1800);
        }
    }

    @Test
    void aMigrationDryRunReportsWithoutMovingAndTheRealOneRecordsBothSides() {
        String ada = member();
        wallets.grant(ADMIN, ada, "g1", 95, "promo");
        var rule = new ConversionRule("tokens-to-moments-2026", 50, 1, 1200, 90L * 86_400);
        var dry = wallets.migrate(ADMIN, ada, "m-1", MonetizationVersion.V3_MOMENTS, rule, true);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.events()).singleElement().satisfies(event -> assertThat(event.movements())
                .extracting(movement -> movement.amount()).containsExactly(-95L, 2L));
        assertThat(as("member", ada).get(WALLET).body().get("version").asString()).isEqualTo("v1");

        wallets.migrate(ADMIN, ada, "m-1", MonetizationVersion.V3_MOMENTS, rule, false);
        var wallet = as("member", ada).get(WALLET).body();
        assertThat(wallet.get("version").asString()).isEqualTo("v3");
        assertThat(wallet.get("packs").get(0).get("momentsLeft").asLong()).isEqualTo(2);
        assertThatThrownBy(() -> wallets.migrate(ADMIN, ada, "m-2", MonetizationVersion.V3_MOMENTS, rule, false))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.code())
                        .isEqualTo(WalletDecider.MIGRATION_TO_SAME_VERSION));
        assertThatThrownBy(() -> wallets.grant(new Actor(ada, Role.MEMBER), ada, "self", 5, "free money"))
                .isInstanceOf(RuleViolation.class);
    }

    static JsonNode product(JsonNode catalog, String productId) {
        for (JsonNode product : catalog.get("products")) {
            if (product.get("productId").asString().equals(productId)) {
                return product;
            }
        }
        throw new AssertionError("no product " + productId);
    }

    /** The current catalog as a publish request: same rates, same products. */
    static Map<String, Object> defaultCatalogBody(JsonNode catalog) {
        var products = new ArrayList<Map<String, Object>>();
        for (JsonNode product : catalog.get("products")) {
            var body = new LinkedHashMap<String, Object>();
            for (String field : product.propertyNames()) {
                JsonNode value = product.get(field);
                if (!value.isNull()) {
                    body.put(field, value.isNumber() ? value.asLong() : value.asString());
                }
            }
            products.add(body);
        }
        var rates = catalog.get("tokenRates");
        return Map.of("tokenRates", Map.of("perAudioMinute", rates.get("perAudioMinute").asLong(),
                "perVideoMinute", rates.get("perVideoMinute").asLong(), "perChatMessage",
                rates.get("perChatMessage").asLong()), "products", products);
    }
}
