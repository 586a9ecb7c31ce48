package app.hearth.money.payments;

import static app.hearth.money.payments.Fixtures.stripeInvoice;
import static app.hearth.money.payments.PaymentsItSupport.adapty;
import static app.hearth.money.payments.PaymentsItSupport.assertOk;
import static app.hearth.money.payments.PaymentsItSupport.profile;
import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.money.payments.PaymentPipeline;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Reliability test #13, facts in any order (ADR 0031): for each version, every order (all 24 permutations) of a
 * purchase, its refund and a second report of each (another notification of the same fact), from Stripe and from
 * Adapty, and of a subscription's start and its renewal: the wallet always ends the same, every fact ends applied,
 * nothing is parked, and a fact that came before the one it needs said so while it waited.
 */
class PaymentFactsInAnyOrderIT extends IntegrationTest {

    private static final Actor ADMIN = new Actor("any-order-admin", Role.ADMIN);
    private static final DateTimeFormatter ADAPTY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS+0000").withZone(ZoneOffset.UTC);

    @Autowired
    Wallets wallets;

    @Autowired
    PaymentPipeline pipeline;

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Value("${hearth.payments.adapty.sandbox-authorization}")
    String sandbox;

    /** One notification of a story: sent signed as its provider does. */
    private record Delivery(String label, boolean fromStripe, String body) {
    }

    /** The four notifications of a story (first fact, its second report, the dependent fact, its second report). */
    private record Story(List<Delivery> deliveries, List<String> factKeys) {
    }

    @FunctionalInterface
    private interface Teller {
        Story tell(String member, String tag);
    }

    // --- the reported bug, first -------------------------------------------------------------------------------

    @Test
    void aStripeRefundBeforeItsPurchaseWaitsSayingSoAndTheWalletEndsWithNothing() {
        String member = member(MonetizationVersion.V1_TOKENS);
        String tag = unique();
        // the issue's case: the charge names the member, so it reached the wallet, which parked it PRODUCT_UNKNOWN
        String refund = Fixtures.replace(stripeRefund(tag, "a"), "\"metadata\": {}",
                "\"metadata\": {\"member_id\": \"" + member + "\"}");
        String refundKey = "STRIPE:pi_" + tag + ":REFUNDED";

        var answer = send(new Delivery("R", true, refund));
        assertThat(answer.status()).isEqualTo("AWAITING_PURCHASE");
        var waiting = fact(refundKey);
        assertThat(waiting.get("status")).isEqualTo("AWAITING_PURCHASE");
        assertThat((String) waiting.get("reason")).startsWith("AWAITING_PURCHASE: waits for its purchase (STRIPE pi_"
                + tag + ")");
        assertThat(openParked(refundKey)).isZero();
        assertThat(payments(member)).anySatisfy(item -> {
            assertThat(item.get("dedupeKey").asString()).isEqualTo(refundKey);
            assertThat(item.get("status").asString()).isEqualTo("AWAITING_PURCHASE");
            assertThat(item.get("applied").asBoolean()).isFalse();
        });

        var purchase = send(new Delivery("P", true, stripePurchase(tag, "a", member, "tokens_100")));
        assertThat(purchase.status()).isEqualTo("APPLIED");
        assertThat(fact(refundKey).get("status")).isEqualTo("APPLIED");
        assertThat(fact(refundKey).get("member_id")).isEqualTo(member);
        assertThat(ending(member)).isEqualTo("tokens=0");
    }

    @Test
    void aPurchaseAloneEndsWithItsTokensSoTheEndingsBelowTellApart() {
        String member = member(MonetizationVersion.V1_TOKENS);
        send(new Delivery("P", true, stripePurchase(unique(), "a", member, "tokens_100")));
        assertThat(ending(member)).isEqualTo("tokens=100");
    }

    // --- every order ------------------------------------------------------------------------------------------

    @Test
    void v1TokensStripePurchaseAndRefundInEveryOrder() {
        everyOrder(MonetizationVersion.V1_TOKENS, "tokens=0", (member, tag) -> new Story(List.of(
                new Delivery("P", true, stripePurchase(tag, "a", member, "tokens_100")),
                new Delivery("P'", true, stripePurchase(tag, "b", member, "tokens_100")),
                new Delivery("R", true, stripeRefund(tag, "a")),
                new Delivery("R'", true, stripeRefund(tag, "b"))),
                List.of("STRIPE:pi_" + tag + ":ONE_TIME_PURCHASE", "STRIPE:pi_" + tag + ":REFUNDED")));
    }

    @Test
    void v1TokensAdaptyPurchaseAndRefundInEveryOrder() {
        everyOrder(MonetizationVersion.V1_TOKENS, "tokens=0", (member, tag) -> adaptyPurchaseAndRefund(member,
                tag, "tokens_100"));
    }

    @Test
    void v3MomentsStripePurchaseAndRefundInEveryOrder() {
        everyOrder(MonetizationVersion.V3_MOMENTS, "moments=0", (member, tag) -> new Story(List.of(
                new Delivery("P", true, stripePurchase(tag, "a", member, "moments_5")),
                new Delivery("P'", true, stripePurchase(tag, "b", member, "moments_5")),
                new Delivery("R", true, stripeRefund(tag, "a")),
                new Delivery("R'", true, stripeRefund(tag, "b"))),
                List.of("STRIPE:pi_" + tag + ":ONE_TIME_PURCHASE", "STRIPE:pi_" + tag + ":REFUNDED")));
    }

    @Test
    void v3MomentsAdaptyPurchaseAndRefundInEveryOrder() {
        everyOrder(MonetizationVersion.V3_MOMENTS, "moments=0", (member, tag) -> adaptyPurchaseAndRefund(member,
                tag, "moments_5"));
    }

    @Test
    void v2TierAdaptySubscriptionAndItsRefundInEveryOrder() {
        Instant started = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        Instant ends = started.plus(Duration.ofDays(30));
        everyOrder(MonetizationVersion.V2_TIERS, "tier=premium expired " + ends, (member, tag) -> {
            String transaction = "3000" + tag.substring(0, 12);
            String start = adaptyEvent("subscription_started", member, transaction, transaction, "premium_monthly",
                    started, ends);
            String refund = adaptyEvent("subscription_refunded", member, transaction, transaction,
                    "premium_monthly", started.plus(Duration.ofDays(1)), ends);
            return new Story(List.of(new Delivery("S", false, start), new Delivery("S'", false, anotherId(start)),
                    new Delivery("R", false, refund), new Delivery("R'", false, anotherId(refund))),
                    List.of("APP_STORE:" + transaction + ":SUBSCRIPTION_STARTED",
                            "APP_STORE:" + transaction + ":REFUNDED"));
        });
    }

    @Test
    void v2TierAdaptyStartAndRenewalInEveryOrder() {
        Instant started = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant renewed = started.plus(Duration.ofDays(7));
        Instant ends = renewed.plus(Duration.ofDays(30));
        everyOrder(MonetizationVersion.V2_TIERS, "tier=premium active " + ends, (member, tag) -> {
            String first = "4000" + tag.substring(0, 12);
            String second = "5000" + tag.substring(0, 12);
            String start = adaptyEvent("trial_started", member, first, first, "premium_monthly", started, renewed);
            String renewal = adaptyEvent("trial_converted", member, second, first, "premium_monthly", renewed, ends);
            return new Story(List.of(new Delivery("S", false, start), new Delivery("S'", false, anotherId(start)),
                    new Delivery("N", false, renewal), new Delivery("N'", false, anotherId(renewal))),
                    List.of("APP_STORE:" + first + ":SUBSCRIPTION_STARTED",
                            "APP_STORE:" + second + ":SUBSCRIPTION_RENEWED"));
        });
    }

    @Test
    void v2TierStripeStartAndRenewalInEveryOrder() {
        long started = Instant.now().minus(Duration.ofDays(10)).getEpochSecond();
        long renewed = started + 7 * 86_400;
        long ends = renewed + 30 * 86_400;
        everyOrder(MonetizationVersion.V2_TIERS, "tier=premium active " + Instant.ofEpochSecond(ends),
                (member, tag) -> {
                    String start = stripeInvoice(tag, "in_a" + tag, member, true, started, renewed);
                    String renewal = stripeInvoice(tag, "in_b" + tag, member, false, renewed, ends);
                    return new Story(List.of(new Delivery("S", true, start),
                            new Delivery("S'", true, anotherStripeId(start, tag)),
                            new Delivery("N", true, renewal), new Delivery("N'", true, anotherStripeId(renewal, tag))),
                            List.of("STRIPE:in_a" + tag + ":SUBSCRIPTION_STARTED",
                                    "STRIPE:in_b" + tag + ":SUBSCRIPTION_RENEWED"));
                });
    }

    @Test
    void aRenewalBeforeItsStartWaitsSayingSo() {
        String member = member(MonetizationVersion.V2_TIERS);
        String tag = unique();
        Instant started = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        String first = "6000" + tag.substring(0, 12);
        String second = "7000" + tag.substring(0, 12);
        var answer = send(new Delivery("N", false, adaptyEvent("subscription_renewed", member, second, first,
                "premium_monthly", started.plus(Duration.ofDays(30)), started.plus(Duration.ofDays(60)))));
        assertThat(answer.status()).isEqualTo("AWAITING_SUBSCRIPTION_START");
        assertThat((String) fact("APP_STORE:" + second + ":SUBSCRIPTION_RENEWED").get("reason"))
                .startsWith("AWAITING_SUBSCRIPTION_START: waits for its subscription's start (APP_STORE " + first);
        assertThat(ending(member)).isEqualTo("tier=none");

        send(new Delivery("S", false, adaptyEvent("subscription_started", member, first, first,
                "premium_monthly", started, started.plus(Duration.ofDays(30)))));
        assertThat(fact("APP_STORE:" + second + ":SUBSCRIPTION_RENEWED").get("status")).isEqualTo("APPLIED");
        assertThat(ending(member)).isEqualTo("tier=premium active " + started.plus(Duration.ofDays(60)));
    }

    @Test
    void aPurchaseAndItsRefundArrivingAtOnceEndTheSame() throws Exception {
        // the refund comes 0 to 39 ms after the purchase: somewhere in those the purchase's transaction is deciding
        for (int round = 0; round < 40; round++) {
            long delay = round;
            String member = member(MonetizationVersion.V1_TOKENS);
            String tag = unique();
            var deliveries = List.of(new Delivery("P", true, stripePurchase(tag, "a", member, "tokens_100")),
                    new Delivery("R", true, stripeRefund(tag, "a")));
            var barrier = new CyclicBarrier(deliveries.size());
            var tasks = new ArrayList<Callable<PaymentsItSupport.Applied>>();
            for (Delivery delivery : deliveries) {
                tasks.add(() -> {
                    barrier.await();
                    if (delivery.label().equals("R")) {
                        Thread.sleep(delay);
                    }
                    return send(delivery);
                });
            }
            try (var pool = Executors.newFixedThreadPool(deliveries.size())) {
                for (var future : pool.invokeAll(tasks)) {
                    future.get();
                }
            }
            assertThat(fact("STRIPE:pi_" + tag + ":REFUNDED").get("status")).as("round " + round)
                    .isEqualTo("APPLIED");
            assertThat(ending(member)).as("round " + round).isEqualTo("tokens=0");
        }
    }

    @Test
    void aRefundOfAPurchaseWaitingForItsBuyerFollowsThePurchaseWhenTheBuyerClaimsIt() {
        String tag = unique();
        String profileId = UUID.randomUUID().toString();
        String transaction = "8000" + tag.substring(0, 12);
        Instant bought = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String anonymousPurchase = anonymous(adaptyEvent("non_subscription_purchase", "nobody", transaction,
                transaction, "tokens_100", bought, null), profileId);
        String anonymousRefund = anonymous(adaptyEvent("subscription_refunded", "nobody", transaction, transaction,
                "tokens_100", bought.plus(Duration.ofHours(1)), null), profileId);

        assertThat(send(new Delivery("R", false, anonymousRefund)).status())
                .isEqualTo("AWAITING_PURCHASE");
        assertThat(send(new Delivery("P", false, anonymousPurchase)).status())
                .isEqualTo("PENDING");
        assertThat(fact("APP_STORE:" + transaction + ":REFUNDED").get("status")).isEqualTo("AWAITING_PURCHASE");

        String member = member(MonetizationVersion.V1_TOKENS);
        assertThat(as("member", member).post("/api/v1/me/identities", Map.of("kind", "adapty_profile_id",
                "value", profileId)).status()).isEqualTo(201);

        assertThat(fact("APP_STORE:" + transaction + ":ONE_TIME_PURCHASE").get("status")).isEqualTo("APPLIED");
        var refund = fact("APP_STORE:" + transaction + ":REFUNDED");
        assertThat(refund.get("status")).isEqualTo("APPLIED");
        assertThat(refund.get("member_id")).isEqualTo(member);
        assertThat(ending(member)).isEqualTo("tokens=0");
    }

    @Test
    void aStripeRenewalWaitingForAStartThatAdaptyNamedOtherwiseFollowsStripesOwnReportOfIt() {
        String member = member(MonetizationVersion.V2_TIERS);
        String tag = unique();
        long started = Instant.now().minus(Duration.ofDays(10)).getEpochSecond();
        long renewed = started + 7 * 86_400;
        long ends = renewed + 30 * 86_400;
        String invoice = "in_a" + tag;
        // Adapty reports the Stripe subscription first, naming it by its first invoice, not by the subscription id
        String adaptyStart = Fixtures.replace(Fixtures.adapty("subscription_started.stripe"),
                "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd", UUID.randomUUID().toString(),
                Fixtures.FIRST_INVOICE_A, invoice, Fixtures.MEMBER, member);
        assertThat(send(new Delivery("S(adapty)", false, adaptyStart)).status())
                .isEqualTo("APPLIED");
        String renewalKey = "STRIPE:in_b" + tag + ":SUBSCRIPTION_RENEWED";
        assertThat(send(new Delivery("N", true, stripeInvoice(tag, "in_b" + tag, member, false, renewed, ends)))
                .status()).isEqualTo("AWAITING_SUBSCRIPTION_START");

        var stripeStart = send(new Delivery("S(stripe)", true, stripeInvoice(tag, invoice, member, true, started,
                renewed)));
        assertThat(stripeStart.outcome()).isEqualTo("DUPLICATE_FACT");
        assertThat(fact(renewalKey).get("status")).isEqualTo("APPLIED");
        assertThat(fact(renewalKey).get("member_id")).isEqualTo(member);
        // the wallet knows the subscription under both names (ADR 0016): the tier is in force either way
        assertThat(ending(member)).startsWith("tier=premium active ");
    }

    @Test
    void aFactThatWaitedThirtyDaysIsShownToAPersonAndStillFollowsItsPurchase() {
        String member = member(MonetizationVersion.V1_TOKENS);
        String tag = unique();
        String key = "STRIPE:pi_" + tag + ":REFUNDED";
        send(new Delivery("R", true, stripeRefund(tag, "a")));
        assertThat(pipeline.parkLongWaits(Duration.ofDays(30), 10_000)).as("not long yet").isZero();
        jdbc.update("update payment_fact set recorded_at = recorded_at - interval '31 days' where dedupe_key = ?",
                key);

        assertThat(pipeline.parkLongWaits(Duration.ofDays(30), 10_000)).isPositive();
        assertThat(openParked(key)).isOne();
        assertThat(jdbc.queryForObject("select reason from parked_payment_event where subject = ?", String.class,
                key)).startsWith("waiting since ").contains("AWAITING_PURCHASE: waits for its purchase");
        assertThat(fact(key).get("status")).isEqualTo("AWAITING_PURCHASE");
        assertThat(pipeline.parkLongWaits(Duration.ofDays(30), 10_000)).as("parked once").isZero();

        send(new Delivery("P", true, stripePurchase(tag, "a", member, "tokens_100")));
        assertThat(fact(key).get("status")).isEqualTo("APPLIED");
        assertThat(openParked(key)).isZero();
        assertThat(ending(member)).isEqualTo("tokens=0");
    }

    /** The Adapty event of nobody Hearth knows: no member id, the Adapty profile {@code profileId}. */
    private static String anonymous(String body, String profileId) {
        return body.replace("\"customer_user_id\": \"nobody\"", "\"customer_user_id\": null")
                .replaceAll("\"profile_id\": \"[^\"]*\"", "\"profile_id\": \"" + profileId + "\"");
    }

    // --- the machinery -----------------------------------------------------------------------------------------

    /**
     * Every permutation of the story's four notifications, each told for a fresh member on {@code version}: the
     * wallet ends as {@code expected}, every fact is applied (none waits, none is parked).
     */
    private void everyOrder(MonetizationVersion version, String expected, Teller teller) {
        Map<String, String> endings = new LinkedHashMap<>();
        for (List<Integer> order : permutations(List.of(0, 1, 2, 3))) {
            String member = member(version);
            Story story = teller.tell(member, unique());
            var labels = new ArrayList<String>();
            for (int index : order) {
                Delivery delivery = story.deliveries().get(index);
                labels.add(delivery.label());
                send(delivery);
            }
            String label = String.join(" ", labels);
            endings.put(label, ending(member));
            for (String key : story.factKeys()) {
                var fact = fact(key);
                assertThat(fact.get("status")).as(label + ": " + key + " " + fact.get("reason"))
                        .isIn("APPLIED", "ALREADY_APPLIED", "OUT_OF_ORDER");
                assertThat(fact.get("member_id")).as(label + ": " + key).isEqualTo(member);
                assertThat(fact.get("reports")).as(label + ": " + key).isEqualTo(2);
                assertThat(openParked(key)).as(label + ": " + key + " parked").isZero();
            }
        }
        assertThat(endings).hasSize(24);
        assertThat(endings).allSatisfy((order, ending) -> assertThat(ending).as(order).isEqualTo(expected));
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        var all = new ArrayList<List<Integer>>();
        for (Integer first : items) {
            var rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                var order = new ArrayList<Integer>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    /** Sends it, and what became of it once applied (after the answer: ADR 0043). */
    private PaymentsItSupport.Applied send(Delivery delivery) {
        var response = delivery.fromStripe() ? stripe(anonymous(), secret, delivery.body())
                : adapty(anonymous(), sandbox, delivery.body());
        assertOk(response);
        var json = Fixtures.json(delivery.body());
        String eventId = delivery.fromStripe() ? json.path("id").asString()
                : json.path("event_properties").path("profile_event_id").asString();
        return PaymentsItSupport.applied(jdbc, delivery.fromStripe() ? "stripe" : "adapty", eventId);
    }

    /** A registered member (V1 on registration), moved to {@code version} as an admin's migration would. */
    private String member(MonetizationVersion version) {
        String member = "any-order-" + UUID.randomUUID();
        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(201);
        if (version == MonetizationVersion.V2_TIERS) {
            wallets.migrate(ADMIN, member, "to-v2-" + member, version, new ConversionRule("v1-to-v2", 1, 0, 0, 0),
                    false);
        } else if (version == MonetizationVersion.V3_MOMENTS) {
            wallets.migrate(ADMIN, member, "to-v3-" + member, version,
                    new ConversionRule("v1-to-v3", 1, 0, 1200, 86_400), false);
        }
        return member;
    }

    /** What the member's wallet holds, in the words of its version. */
    private String ending(String member) {
        JsonNode wallet = as("member", member).get("/api/v1/me/wallet").body();
        return switch (wallet.get("version").asString()) {
            case "v1" -> "tokens=" + wallet.get("tokens").get("paid").asLong();
            case "v2" -> {
                JsonNode tier = wallet.path("tier");
                String product = tier.path("productId").asString("");
                yield product.isEmpty() ? "tier=none" : "tier=" + product + " " + tier.path("status").asString("")
                        + " " + Instant.parse(tier.path("periodEnd").asString(""));
            }
            default -> {
                long moments = 0;
                for (JsonNode pack : wallet.get("packs")) {
                    moments += pack.get("momentsLeft").asLong();
                }
                yield "moments=" + moments;
            }
        };
    }

    private Map<String, Object> fact(String key) {
        return jdbc.queryForMap("select * from payment_fact where dedupe_key = ?", key);
    }

    private int openParked(String key) {
        return jdbc.queryForObject("select count(*) from parked_payment_event where dedupe_key = ? "
                + "and resolved_at is null", Integer.class, key);
    }

    private List<JsonNode> payments(String member) {
        var items = new ArrayList<JsonNode>();
        as("admin", ADMIN.userId()).get("/api/v1/admin/members/" + member + "/payments").body().get("items")
                .forEach(items::add);
        return items;
    }

    // --- the notifications -------------------------------------------------------------------------------------

    /** Stripe Checkout's payment of {@code pack} by {@code member}: payment intent {@code pi_<tag>}. */
    private static String stripePurchase(String tag, String copy, String member, String pack) {
        return Fixtures.replace(Fixtures.stripe("checkout.session.completed.payment"),
                "evt_1PorzlRrHuoIQciTuasmZ8qr", "evt_p" + copy + tag,
                "pi_1vB7XwRrHuoIQciTs5wzfBBu", "pi_" + tag,
                "\"client_reference_id\": null", "\"client_reference_id\": \"" + member + "\"",
                "\"pack\": \"tokens_100\"", "\"pack\": \"" + pack + "\"",
                "\"created\": 1785766327", "\"created\": " + Instant.now().getEpochSecond());
    }

    /** Stripe's full refund of the charge of payment intent {@code pi_<tag>}; it names no member and no price. */
    private static String stripeRefund(String tag, String copy) {
        return Fixtures.replace(Fixtures.stripe("charge.refunded"),
                "evt_1YQr6SRrHuoIQciTK0OVQwnN", "evt_r" + copy + tag,
                "pi_1vB7XwRrHuoIQciTs5wzfBBu", "pi_" + tag,
                "ch_1DDygvRrHuoIQciTjTFJGIxk", "ch_" + tag,
                "\"created\": 1785922073", "\"created\": " + (Instant.now().getEpochSecond() + 60));
    }


    /** The same Stripe event under another event id: a second report of its fact. */
    private static String anotherStripeId(String body, String tag) {
        return body.replaceFirst("\"id\": \"evt_i", "\"id\": \"evt_j");
    }

    /** Adapty's one-time purchase of {@code product} (transaction {@code 2000…}) and its refund, two reports each. */
    private Story adaptyPurchaseAndRefund(String member, String tag, String product) {
        String transaction = "2000" + tag.substring(0, 12);
        Instant bought = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String purchase = adaptyEvent("non_subscription_purchase", member, transaction, transaction, product, bought,
                null);
        String refund = adaptyEvent("subscription_refunded", member, transaction, transaction, product,
                bought.plus(Duration.ofHours(1)), null);
        return new Story(List.of(new Delivery("P", false, purchase), new Delivery("P'", false, anotherId(purchase)),
                new Delivery("R", false, refund), new Delivery("R'", false, anotherId(refund))),
                List.of("APP_STORE:" + transaction + ":ONE_TIME_PURCHASE", "APP_STORE:" + transaction + ":REFUNDED"));
    }

    /**
     * An Adapty sandbox event of {@code type} from the App Store, built on the fixture of that type (the refund
     * fixture for a refund): its own event id, member, transactions, product and times.
     */
    private static String adaptyEvent(String type, String member, String transaction, String original,
                                      String product, Instant at, Instant expires) {
        String fixture = switch (type) {
            case "non_subscription_purchase" -> "non_subscription_purchase.anonymous";
            case "subscription_started" -> "subscription_refunded";
            default -> type;
        };
        String body = Fixtures.adapty(fixture);
        if ("subscription_started".equals(type)) {
            body = Fixtures.replace(body, "\"event_type\": \"subscription_refunded\"",
                    "\"event_type\": \"subscription_started\"");
        }
        body = body.replaceAll("\"profile_event_id\": \"[^\"]*\"", "\"profile_event_id\": \"" + UUID.randomUUID()
                        + "\"")
                .replaceAll("\"customer_user_id\": (null|\"[^\"]*\")", "\"customer_user_id\": \"" + member + "\"")
                .replaceAll("\"transaction_id\": \"[^\"]*\"", "\"transaction_id\": \"" + transaction + "\"")
                .replaceAll("\"original_transaction_id\": \"[^\"]*\"", "\"original_transaction_id\": \"" + original
                        + "\"")
                .replaceAll("\"vendor_product_id\": \"[^\"]*\"", "\"vendor_product_id\": \"" + product + "\"")
                .replaceAll("\"store\": \"[^\"]*\"", "\"store\": \"app_store\"")
                .replaceAll("\"environment\": \"[^\"]*\"", "\"environment\": \"Sandbox\"")
                .replaceAll("\"event_datetime\": \"[^\"]*\"", "\"event_datetime\": \"" + ADAPTY_TIME.format(at) + "\"")
                .replaceAll("\"subscription_expires_at\": (null|\"[^\"]*\")", "\"subscription_expires_at\": "
                        + (expires == null ? "null" : "\"" + ADAPTY_TIME.format(expires) + "\""));
        return body.replaceAll("\"base_plan_id\": \"[^\"]*\"", "\"base_plan_id\": null");
    }

    /** The same Adapty event under another event id: a second report of its fact. */
    private static String anotherId(String body) {
        return body.replaceAll("\"profile_event_id\": \"[^\"]*\"", "\"profile_event_id\": \"" + UUID.randomUUID()
                + "\"");
    }
}
