package app.hearth.money.payments;

import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.stripePurchases;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.StripeReconciliation;
import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.money.payments.PaymentsItSupport.FakeStripeApi;
import app.hearth.support.Api;
import app.hearth.support.DatabaseOutage;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reliability test #3, the outage part, on two nodes sharing one database: 50 Stripe purchases arrive at both nodes
 * while the database refuses them (each answered 503 with Retry-After, never 404, and nothing stored); then the
 * provider's retries, two copies of each event, one through node A's and one through node B's HTTP port, run at the
 * same time as the reconciliation job on node B, which lists the same 50 from a fake Stripe API. Each purchase is
 * recorded once in the inbox (by exactly one first delivery or the job), counted as one fact, applied to the wallet
 * as one {@code TokensPurchased} event, and the balance, read on either node and in the read model, is 50 packs.
 */
class TwoNodePaymentOutageIT extends IntegrationTest {

    private static final int PURCHASES = 50;
    private static final int ATTEMPTS = 20;

    /** On the same database and, like node A, with the local profile's webhook secret and unthrottled retries. */
    @RegisterExtension
    static final HearthNode nodeB = HearthNode.onTestDatabase().withWebServer().unthrottled();

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Autowired
    PaymentWebhooks nodeAWebhooks;

    @Autowired
    WalletHistory history;

    @RegisterExtension
    final FakeStripeApi stripeApi = new FakeStripeApi();

    /** Node A for even numbers, node B for odd ones. */
    private Api node(int number) {
        return number % 2 == 0 ? anonymous() : nodeB.api();
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    @Test
    void fiftyPurchasesDuringAnOutageThenRetriesOnBothNodesAndReconciliationOnNodeBAreEachAppliedOnce()
            throws Exception {
        assertThat(nodeB.context().getEnvironment().getProperty("hearth.payments.stripe.webhook-secret"))
                .as("both nodes verify Stripe's signatures with one secret").isEqualTo(secret);
        assertThat(nodeB.port()).isNotEqualTo(port);
        String member = "outage2-" + unique();
        assertThat(as("member", member).put("/api/v1/me/profile", Map.of("displayName", "Payer", "birthYear", 1950,
                "languages", List.of("en"), "timeZone", "Europe/London")).status()).isEqualTo(201);
        String tag = unique();
        var events = stripePurchases(PURCHASES, "evt_o2" + tag + "x", "pi_o2" + tag + "x", member);

        // the outage: the inbox is gone for both nodes; every delivery is refused as temporary
        try (var outage = DatabaseOutage.of(jdbc, "payment_inbox")) {
            for (int i = 0; i < PURCHASES; i++) {
                var refused = stripe(node(i), secret, events.get(i));
                assertThat(refused.status()).as("node %s during the outage", i % 2 == 0 ? "A" : "B").isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(count("select count(*) from payment_inbox where provider_event_id like ?", "evt_o2" + tag + "%"))
                .isZero();
        assertThat(count("select count(*) from payment_fact where transaction_id like ?", "pi_o2" + tag + "%"))
                .isZero();
        assertThat(count("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.TokensPurchased'", "wallet:" + member)).isZero();

        // then, at once: the provider's retries (two copies of each event, one per node, each retried until a 2xx)
        // and the reconciliation job on node B listing the same 50
        stripeApi.lists(events);
        StripeReconciliation reconciliationOnB = stripeApi.reconciliation("sk_test_outage_two_nodes",
                nodeB.bean(PaymentWebhooks.class), Clock.systemUTC());
        var firstDeliveries = new AtomicInteger();
        var okByNode = new ConcurrentHashMap<String, Integer>();
        var pass = new AtomicReference<StripeReconciliation.Pass>();
        var tasks = new ArrayList<Callable<Integer>>();
        tasks.add(() -> {
            pass.set(reconciliationOnB.reconcile());
            return 200;
        });
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < PURCHASES; i++) {
                int nodeNumber = i + copy;
                String event = events.get(i);
                tasks.add(() -> {
                    int status = 0;
                    for (int attempt = 0; attempt < ATTEMPTS && status != 200; attempt++) {
                        var response = stripe(node(nodeNumber), secret, event);
                        status = response.status();
                        assertThat(status).as(response.raw().body()).isIn(200, 503);
                        if (status == 200) {
                            okByNode.merge(nodeNumber % 2 == 0 ? "A" : "B", 1, Integer::sum);
                            if (!response.body().get("duplicate").asBoolean()) {
                                firstDeliveries.incrementAndGet();
                            }
                        } else {
                            Thread.sleep(50L * (attempt + 1));
                        }
                    }
                    return status;
                });
            }
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> future : pool.invokeAll(tasks)) {
                assertThat(future.get()).isEqualTo(200);
            }
        }
        assertThat(okByNode).isEqualTo(Map.of("A", PURCHASES, "B", PURCHASES));
        // Every event was recorded exactly once, by one delivery or by the job: a transaction that met a busy wallet
        // was rolled back whole and tried again, never committed in part (ADR 0019, WalletTransactionBoundaryIT).
        int recordings = firstDeliveries.get() + pass.get().recorded();
        System.out.printf("TwoNodePaymentOutageIT: %d notifications recorded %d times (%d first deliveries, "
                + "reconciliation on node B %s); facts by status %s%n", PURCHASES, recordings, firstDeliveries.get(),
                pass.get(), jdbc.queryForList("select status, count(*) from payment_fact where transaction_id like ? "
                        + "group by 1", "pi_o2" + tag + "%"));
        assertThat(recordings).as("first deliveries %s, reconciliation pass on node B %s", firstDeliveries, pass)
                .isEqualTo(PURCHASES);
        // a later pass on node A finds everything recorded and changes nothing
        var later = stripeApi.reconciliation("sk_test_outage_two_nodes", nodeAWebhooks, Clock.systemUTC())
                .reconcile();
        assertThat(later).isEqualTo(new StripeReconciliation.Pass(PURCHASES, 0, PURCHASES, 0));

        assertThat(count("select count(*) from payment_inbox where provider_event_id like ?", "evt_o2" + tag + "%"))
                .isEqualTo(PURCHASES);
        assertThat(count("select count(*) from payment_fact where transaction_id like ?", "pi_o2" + tag + "%"))
                .isEqualTo(PURCHASES);
        assertThat(count("select count(*) from payment_fact where transaction_id like ? "
                + "and status = 'APPLIED' and handed_on = 1", "pi_o2" + tag + "%"))
                .as("facts by status: %s", jdbc.queryForList("select status, reason, count(*) from "
                        + "payment_fact where transaction_id like ? group by 1, 2", "pi_o2" + tag + "%"))
                .isEqualTo(PURCHASES);
        assertThat(count("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.TokensPurchased'", "wallet:" + member)).isEqualTo(PURCHASES);
        assertThat(history.history(member).stream()
                .filter(event -> event instanceof WalletEvent.TokensPurchased)
                .map(event -> ((WalletEvent.TokensPurchased) event).payment().transactionId())
                .distinct()).as("one purchase per payment intent").hasSize(PURCHASES);
        // GET /me/wallet reads the read model (ADR 0048): a node waits for what it committed itself, not for what
        // the other node applied, so both read once the projection has caught up
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
        for (Api nodeApi : List.of(anonymous(), nodeB.api())) {
            assertThat(nodeApi.signedInAs(member, "member").get("/api/v1/me/wallet").body().get("tokens").get("paid")
                    .asLong()).isEqualTo(PURCHASES * 100L);
        }
        assertThat(jdbc.queryForObject("select token_balance from wallet where member_id = ?", Long.class, member))
                .isEqualTo(PURCHASES * 100L);
        assertThat(count("select count(*) from wallet_movement where member_id = ? and kind = 'TOKENS_PURCHASED'",
                member)).isEqualTo(PURCHASES);
    }
}
