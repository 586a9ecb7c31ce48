package app.hearth.money.payments;

import static app.hearth.money.payments.PaymentsItSupport.FakeStripeApi.page;
import static app.hearth.money.payments.PaymentsItSupport.assertOk;
import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.StripeReconciliation;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.money.payments.PaymentsItSupport.FakeStripeApi;
import app.hearth.support.IntegrationTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Step 7, the reconciliation: stripe-java lists the last 72 h of events from a WireMock standing in for
 * api.stripe.com (every page), and the events that never arrived by webhook go through the real pipeline; the one
 * that did arrive, and a second pass, change nothing.
 */
class StripeReconciliationIT extends IntegrationTest {

    private static final Instant NOW = Instant.parse("2026-08-04T12:00:00Z");

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Autowired
    PaymentWebhooks webhooks;

    @RegisterExtension
    final FakeStripeApi fake = new FakeStripeApi();
    private final WireMockServer stripeApi = fake.server();

    private StripeReconciliation reconciliation() {
        return fake.reconciliation("sk_test_reconciliation", webhooks, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private int inboxRows(String eventId) {
        return jdbc.queryForObject("select count(*) from payment_inbox where provider = 'stripe' and "
                + "provider_event_id = ?", Integer.class, eventId);
    }

    @Test
    void eventsThatNeverArrivedAreRunThroughThePipelineOnceAndTheRestChangeNothing() throws Exception {
        String tag = unique();
        String arrived = Fixtures.replace(Fixtures.stripe("invoice.paid"), "evt_1DGcocRrHuoIQciTFdHT37gi",
                "evt_rcA" + tag, Fixtures.FIRST_INVOICE_A, "in_rc" + tag, Fixtures.CUSTOMER_A, "cus_rc" + tag);
        String missedPurchase = Fixtures.replace(Fixtures.stripe("checkout.session.completed.payment"),
                "evt_1PorzlRrHuoIQciTuasmZ8qr", "evt_rcB" + tag, "pi_1vB7XwRrHuoIQciTs5wzfBBu", "pi_rc" + tag);
        String missedCancel = Fixtures.replace(Fixtures.stripe("customer.subscription.updated"),
                "evt_1Atc8URrHuoIQciTtd2Hklk3", "evt_rcC" + tag);
        assertOk(stripe(anonymous(), secret, arrived));

        long since = NOW.minus(Duration.ofHours(72)).getEpochSecond();
        stripeApi.stubFor(get(urlPathEqualTo("/v1/events"))
                .withQueryParam("created[gte]", equalTo(Long.toString(since)))
                .withQueryParam("limit", equalTo("100"))
                .atPriority(2)
                .willReturn(page(true, List.of(arrived, missedPurchase))));
        stripeApi.stubFor(get(urlPathEqualTo("/v1/events"))
                .withQueryParam("starting_after", equalTo("evt_rcB" + tag))
                .atPriority(1)
                .willReturn(page(false, List.of(missedCancel))));

        var pass = reconciliation().reconcile();
        assertThat(pass).isEqualTo(new StripeReconciliation.Pass(3, 2, 1, 0));
        assertThat(inboxRows("evt_rcA" + tag)).isEqualTo(1);
        assertThat(inboxRows("evt_rcB" + tag)).isEqualTo(1);
        assertThat(inboxRows("evt_rcC" + tag)).isEqualTo(1);
        PaymentsItSupport.awaitApplied(jdbc); // recorded by the pass, applied after it (ADR 0043)
        assertThat(jdbc.queryForObject("select count(*) from payment_fact where dedupe_key = ?", Integer.class,
                "STRIPE:pi_rc" + tag + ":ONE_TIME_PURCHASE")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select kind from payment_fact where provider_event_id = ?", String.class,
                "evt_rcC" + tag)).isEqualTo("SUBSCRIPTION_CANCELLED");

        stripeApi.verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withHeader("Authorization", equalTo("Bearer sk_test_reconciliation"))
                .withQueryParam("types[0]", equalTo("checkout.session.completed")));

        assertThat(reconciliation().reconcile()).isEqualTo(new StripeReconciliation.Pass(3, 0, 3, 0));
        assertThat(inboxRows("evt_rcB" + tag)).isEqualTo(1);
    }

    @Test
    void stripeUnavailableFailsThePassAndRecordsNothing() {
        stripeApi.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"unavailable\"}}")));
        int before = jdbc.queryForObject("select count(*) from payment_inbox", Integer.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reconciliation().reconcile())
                .isInstanceOf(com.stripe.exception.StripeException.class);
        assertThat(jdbc.queryForObject("select count(*) from payment_inbox", Integer.class)).isEqualTo(before);
    }
}
