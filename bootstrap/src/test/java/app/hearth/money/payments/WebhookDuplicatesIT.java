package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reliability test #2 for the pipeline: copies of one notification, half of them concurrent and spread over two
 * nodes on one database, are recorded once and their fact handed to the wallets once; one purchase reported by
 * Stripe and by Adapty is one fact, handed on once. The wallet then holds exactly one purchase movement.
 */
class WebhookDuplicatesIT extends IntegrationTest {

    @RegisterExtension
    static final HearthNode nodeB = HearthNode.onTestDatabase().withWebServer();

    @Autowired
    Wallets wallets;

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Value("${hearth.payments.adapty.sandbox-authorization}")
    String sandbox;

    private Api node(int copy) {
        return copy % 2 == 0 ? anonymous() : nodeB.api();
    }

    private String register(String memberId) {
        var created = as("member", memberId).put("/api/v1/me/profile", Map.of("displayName", "Payer",
                "birthYear", 1950, "languages", List.of("en"), "timeZone", "Europe/London", "interests",
                List.of("music")));
        assertThat(created.status()).isEqualTo(201);
        return memberId;
    }

    private Api.Response stripe(Api api, String body) {
        return PaymentsItSupport.stripe(api, secret, body);
    }

    private Api.Response adapty(Api api, String body, String authorization) {
        return PaymentsItSupport.adapty(api, authorization, body);
    }

    /** Sends {@code copies} copies: the first half one after another, the rest at once; half through node B. */
    private List<Api.Response> copies(int copies, Function<Api, Api.Response> send) throws Exception {
        var responses = new ArrayList<Api.Response>();
        int sequential = copies / 2;
        for (int i = 0; i < sequential; i++) {
            responses.add(send.apply(node(i)));
        }
        int concurrent = copies - sequential;
        var barrier = new CyclicBarrier(concurrent);
        var tasks = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < concurrent; i++) {
            Api api = node(i);
            tasks.add(() -> {
                barrier.await();
                return send.apply(api);
            });
        }
        try (var pool = Executors.newFixedThreadPool(concurrent)) {
            for (var future : pool.invokeAll(tasks)) {
                responses.add(future.get());
            }
        }
        return responses;
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    private Map<String, Object> fact(String dedupeKey) {
        return jdbc.queryForMap("select * from payment_fact where dedupe_key = ?", dedupeKey);
    }

    private static void assertOneFirstAndTheRestDuplicates(List<Api.Response> responses) {
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        assertThat(responses.stream().filter(response -> !response.body().get("duplicate").asBoolean()))
                .hasSize(1);
    }

    @Test
    void twentyCopiesOfOneStripeEventHalfConcurrentOnTwoNodesAreRecordedAndHandedOnOnce() throws Exception {
        String member = register("dup-stripe-" + UUID.randomUUID());
        String tag = UUID.randomUUID().toString().replace("-", "");
        String body = Fixtures.replace(Fixtures.stripe("checkout.session.completed.payment"),
                "evt_1PorzlRrHuoIQciTuasmZ8qr", "evt_dup" + tag,
                "pi_1vB7XwRrHuoIQciTs5wzfBBu", "pi_dup" + tag,
                "\"client_reference_id\": null", "\"client_reference_id\": \"" + member + "\"");

        assertOneFirstAndTheRestDuplicates(copies(20, api -> stripe(api, body)));

        assertThat(count("select count(*) from payment_inbox where provider = 'stripe' and provider_event_id = ?",
                "evt_dup" + tag)).isEqualTo(1);
        String key = "STRIPE:pi_dup" + tag + ":ONE_TIME_PURCHASE";
        assertThat(count("select count(*) from payment_fact where transaction_id = ?", "pi_dup" + tag)).isEqualTo(1);
        var fact = fact(key);
        assertThat(fact.get("reports")).isEqualTo(1);
        assertThat(fact.get("handed_on")).isEqualTo(1);
        assertThat(fact.get("member_id")).isEqualTo(member);
        assertThat(fact.get("status")).isEqualTo("APPLIED");
        assertOnePurchaseOf(member, 100);
    }

    /**
     * The member's wallet, read once the wallet projection caught up (either node's appliers may have applied the
     * fact): its tokens counted once, and one purchase in the event store.
     */
    private void assertOnePurchaseOf(String member, long tokens) {
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
        var wallet = as("member", member).get("/api/v1/me/wallet");
        assertThat(wallet.body().get("tokens").get("paid").asLong()).isEqualTo(tokens);
        assertThat(count("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.TokensPurchased'", "wallet:" + member)).isEqualTo(1);
    }

    @Test
    void tenCopiesOfOneAdaptyEventHalfConcurrentOnTwoNodesAreRecordedAndHandedOnOnce() throws Exception {
        String member = register("dup-adapty-" + UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        String transaction = "2000" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String body = PaymentsItSupport.sandboxed(Fixtures.replace(
                Fixtures.adapty("non_subscription_purchase.anonymous"),
                "98ae4334-6c12-4ce8-ae34-0454cac5b68c", eventId,
                "2000001328710122", transaction,
                "\"customer_user_id\": null", "\"customer_user_id\": \"" + member + "\""));

        assertOneFirstAndTheRestDuplicates(copies(10, api -> adapty(api, body, sandbox)));

        assertThat(count("select count(*) from payment_inbox where provider = 'adapty' and provider_event_id = ?",
                eventId)).isEqualTo(1);
        assertThat(count("select count(*) from payment_fact where transaction_id = ?", transaction)).isEqualTo(1);
        var fact = fact("APP_STORE:" + transaction + ":ONE_TIME_PURCHASE");
        assertThat(fact.get("handed_on")).isEqualTo(1);
        assertThat(fact.get("amount_cents")).isEqualTo(899L);
        assertThat(fact.get("member_id")).isEqualTo(member);
        assertThat(fact.get("status")).isEqualTo("APPLIED");
        assertOnePurchaseOf(member, 100);
    }

    @Test
    void onePurchaseReportedByStripeAndByAdaptyIsOneFactHandedOnOnce() throws Exception {
        String member = register("dup-both-" + UUID.randomUUID());
        // the purchase is a V2 tier: the member is moved to V2 first, as an admin's migration would
        wallets.migrate(new Actor("dup-admin", Role.ADMIN), member, "to-v2-" + member, MonetizationVersion.V2_TIERS,
                new ConversionRule("v1-to-v2", 1, 0, 0, 0), false);
        String tag = UUID.randomUUID().toString().replace("-", "");
        String invoice = "in_dup" + tag;
        String invoicePaid = Fixtures.replace(Fixtures.stripe("invoice.paid"),
                "evt_1DGcocRrHuoIQciTFdHT37gi", "evt_dupinv" + tag,
                Fixtures.FIRST_INVOICE_A, invoice,
                Fixtures.CUSTOMER_A, "cus_dup" + tag,
                Fixtures.SUBSCRIPTION_A, "sub_dup" + tag);
        String adaptys = Fixtures.replace(Fixtures.adapty("subscription_started.stripe"),
                "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd", UUID.randomUUID().toString(),
                Fixtures.FIRST_INVOICE_A, invoice,
                Fixtures.MEMBER, member);
        String checkout = Fixtures.replace(Fixtures.stripe("checkout.session.completed.subscription"),
                "evt_1k4JagRrHuoIQciTVuALIXQ8", "evt_dupchk" + tag,
                Fixtures.FIRST_INVOICE_A, invoice,
                Fixtures.CUSTOMER_A, "cus_dup" + tag,
                Fixtures.SUBSCRIPTION_A, "sub_dup" + tag,
                Fixtures.MEMBER, member);

        // Stripe's invoice.paid and Adapty's report, three copies each, all at once over two nodes
        var barrier = new CyclicBarrier(6);
        var tasks = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 6; i++) {
            Api api = node(i);
            boolean fromStripe = i < 3;
            tasks.add(() -> {
                barrier.await();
                return fromStripe ? stripe(api, invoicePaid) : adapty(api, adaptys, sandbox);
            });
        }
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (var future : pool.invokeAll(tasks)) {
                assertThat(future.get().status()).isEqualTo(200);
            }
        }
        // and Checkout's report of the same first invoice, afterwards
        assertThat(stripe(anonymous(), checkout).status()).isEqualTo(200);

        assertThat(count("select count(*) from payment_inbox where dedupe_key = ?", "STRIPE:" + invoice
                + ":SUBSCRIPTION_STARTED")).isEqualTo(3);
        assertThat(count("select count(*) from payment_fact where transaction_id = ?", invoice)).isEqualTo(1);
        var fact = fact("STRIPE:" + invoice + ":SUBSCRIPTION_STARTED");
        assertThat(fact.get("reports")).isEqualTo(3);
        assertThat(fact.get("handed_on")).isEqualTo(1);
        assertThat(fact.get("member_id")).isEqualTo(member);
        assertThat(fact.get("product_ref")).isEqualTo(Fixtures.PRICE_A);
        assertThat(fact.get("amount_cents")).isEqualTo(1499L);

        assertThat(fact.get("status")).isEqualTo("APPLIED");
        assertThat(count("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.SubscriptionUpdated'", "wallet:" + member)).isEqualTo(1);
        // applied by either node's appliers: read once the wallet projection caught up (ADR 0048)
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
        assertThat(as("member", member).get("/api/v1/me/wallet").body().get("tier").get("productId").asString())
                .isEqualTo("premium");

        var payments = as("admin", "dup-admin").get("/api/v1/admin/members/" + member + "/payments").body();
        assertThat(payments.get("items")).hasSize(1);
        assertThat(payments.get("items").get(0).get("reports").asInt()).isEqualTo(3);
    }
}
