package app.hearth.money.payments;

import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.stripePurchases;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.money.payments.PaymentsItSupport.FakeStripeApi;
import app.hearth.support.DatabaseOutage;
import app.hearth.support.IntegrationTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reliability test #3, the outage part: 50 purchases arrive while the database refuses them (each answered 503 with
 * Retry-After, never 404, nothing stored); then the provider's retries, each twice, and the reconciliation job
 * listing the same 50 run at the same time: each purchase is applied to the wallet exactly once.
 */
class PaymentOutageIT extends IntegrationTest {

    private static final int PURCHASES = 50;

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Autowired
    PaymentWebhooks webhooks;

    @RegisterExtension
    final FakeStripeApi stripeApi = new FakeStripeApi();

    @Test
    void fiftyPurchasesDuringAnOutageThenRetriesAndReconciliationAtOnceAreEachAppliedOnce() throws Exception {
        String member = "outage-" + unique();
        assertThat(as("member", member).put("/api/v1/me/profile", Map.of("displayName", "Payer", "birthYear", 1950,
                "languages", List.of("en"), "timeZone", "Europe/London")).status()).isEqualTo(201);
        String tag = unique();
        var events = stripePurchases(PURCHASES, "evt_out" + tag + "x", "pi_out" + tag + "x", member);

        try (var outage = DatabaseOutage.of(jdbc, "payment_inbox")) {
            for (String event : events) {
                var refused = stripe(anonymous(), secret, event);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from payment_fact where transaction_id like ?",
                Integer.class, "pi_out" + tag + "%")).isZero();

        stripeApi.lists(events);
        var reconciliation = stripeApi.reconciliation("sk_test_outage", webhooks, Clock.systemUTC());

        // the provider retries until it gets a 2xx (Stripe: with back-off, for days); the job is re-run next day
        var tasks = new ArrayList<Callable<Integer>>();
        tasks.add(() -> {
            reconciliation.reconcile();
            return 200;
        });
        for (int copy = 0; copy < 2; copy++) {
            for (String event : events) {
                tasks.add(() -> {
                    int status = 0;
                    for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
                        status = stripe(anonymous(), secret, event).status();
                        assertThat(status).isIn(200, 503);
                        if (status == 503) {
                            Thread.sleep(50L * (attempt + 1));
                        }
                    }
                    return status;
                });
            }
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var future : pool.invokeAll(tasks)) {
                assertThat(future.get()).isEqualTo(200);
            }
        }
        reconciliation.reconcile(); // a later pass finds everything recorded and changes nothing

        assertThat(jdbc.queryForObject("select count(*) from payment_inbox where provider_event_id like ?",
                Integer.class, "evt_out" + tag + "%")).isEqualTo(PURCHASES);
        assertThat(jdbc.queryForObject("select count(*) from payment_fact where transaction_id like ? "
                + "and status = 'APPLIED' and handed_on = 1", Integer.class, "pi_out" + tag + "%"))
                .as("facts by status: %s", jdbc.queryForList("select status, reason, count(*) from "
                        + "payment_fact where transaction_id like ? group by 1, 2", "pi_out" + tag + "%"))
                .isEqualTo(PURCHASES);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.TokensPurchased'", Integer.class, "wallet:" + member))
                .isEqualTo(PURCHASES);
        assertThat(as("member", member).get("/api/v1/me/wallet").body().get("tokens").get("paid").asLong())
                .isEqualTo(PURCHASES * 100L);
    }
}
