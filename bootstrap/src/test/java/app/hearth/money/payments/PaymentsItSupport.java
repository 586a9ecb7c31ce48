package app.hearth.money.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.StripeReconciliation;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.support.Api;
import app.hearth.support.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.stripe.StripeClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Sending signed fixtures and registering members, for the payment ITs; a fake Stripe API for reconciliation. */
final class PaymentsItSupport {

    private PaymentsItSupport() {
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Sends the signed Stripe event; when it was answered RECORDED, waits until what was recorded is applied (the
     * answer comes before the application, ADR 0043), so that the caller sees what became of it in the database.
     */
    static Api.Response stripe(Api api, String secret, String body) {
        return appliedAfter(api.withHeader("Stripe-Signature", Fixtures.stripeSignature(body, secret,
                Instant.now().getEpochSecond())).postRaw("/api/v1/webhooks/stripe", body));
    }

    /** Sends the Adapty event, and waits for its application as {@link #stripe} does. */
    static Api.Response adapty(Api api, String authorization, String body) {
        return appliedAfter(api.withHeader("Authorization", authorization).postRaw("/api/v1/webhooks/adapty", body));
    }

    private static final JdbcTemplate DATABASE = new JdbcTemplate(
            new DriverManagerDataSource(TestDatabase.URL, TestDatabase.USER, ""));

    private static Api.Response appliedAfter(Api.Response response) {
        if (response.status() == 200 && response.body() != null && response.body().has("outcome")
                && "RECORDED".equals(response.body().get("outcome").asString(""))) {
            awaitApplied();
        }
        return response;
    }

    /**
     * Waits (up to 30 s) until no notification recorded on the test database is left to apply now: every one
     * recorded so far was applied (a failed one waiting for its next attempt is not waited for).
     */
    static void awaitApplied() {
        awaitApplied(DATABASE);
    }

    static void awaitApplied(JdbcTemplate jdbc) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject("select count(*) from payment_inbox where outcome = 'RECORDED' "
                        + "and (apply_after is null or apply_after <= now())", Integer.class) == 0);
    }

    /** What became of an applied notification: its inbox outcome and its fact's status (null when none). */
    record Applied(String outcome, String status) {
    }

    /** What became of the notification {@code eventId} of {@code provider}, once applied. */
    static Applied applied(JdbcTemplate jdbc, String provider, String eventId) {
        awaitApplied(jdbc);
        return jdbc.queryForObject("select i.outcome, f.status from payment_inbox i left join payment_fact f "
                + "on f.dedupe_key = i.dedupe_key where i.provider = ? and i.provider_event_id = ?",
                (row, n) -> new Applied(row.getString(1), row.getString(2)), provider, eventId);
    }

    static Map<String, Object> profile() {
        return Map.of("displayName", "Payer", "birthYear", 1950, "languages", List.of("en"), "timeZone",
                "Europe/London", "interests", List.of("music"));
    }

    /**
     * The Adapty event as its sandbox would send it: the local profile (and so every IT on the shared context)
     * applies test and sandbox money only (ADR 0032); send it with the sandbox Authorization value.
     */
    static String sandboxed(String adaptyEvent) {
        return Fixtures.replace(adaptyEvent, "\"environment\": \"Production\"", "\"environment\": \"Sandbox\"");
    }

    /** Adapty's anonymous token-pack purchase (sandbox) with its own event, transaction and profile ids. */
    static String anonymousAdaptyPurchase(String eventId, String transaction, String profileId) {
        return sandboxed(Fixtures.replace(Fixtures.adapty("non_subscription_purchase.anonymous"),
                "98ae4334-6c12-4ce8-ae34-0454cac5b68c", eventId,
                "2000001328710122", transaction,
                "9a1de644-815e-46d1-bb8f-aa1837f8a88b", profileId));
    }

    /** A Stripe Checkout payment of 100 tokens with its own event and payment intent, made by {@code member}. */
    static String stripePurchase(String eventId, String paymentIntent, String member) {
        return Fixtures.replace(Fixtures.stripe("checkout.session.completed.payment"),
                "evt_1PorzlRrHuoIQciTuasmZ8qr", eventId,
                "pi_1vB7XwRrHuoIQciTs5wzfBBu", paymentIntent,
                "\"client_reference_id\": null", "\"client_reference_id\": \"" + member + "\"");
    }

    /** {@code count} Stripe purchases: the n-th with event id {@code eventIds + n}, intent {@code intents + n}. */
    static List<String> stripePurchases(int count, String eventIds, String intents, String member) {
        var purchases = new ArrayList<String>();
        for (int n = 0; n < count; n++) {
            purchases.add(stripePurchase(eventIds + n, intents + n, member));
        }
        return purchases;
    }

    static void assertOk(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    }

    /**
     * A WireMock standing in for api.stripe.com on a free port, and the reconciliation job pointed at it through a
     * stripe-java client of its own (no network retries). Started when made, it stops after the test as an extension
     * ({@code @RegisterExtension final FakeStripeApi stripeApi = new FakeStripeApi();}).
     */
    static final class FakeStripeApi implements AutoCloseable, AfterEachCallback {

        private final WireMockServer server;

        FakeStripeApi() {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
        }

        /** The WireMock server, for stubs and verifications of a test's own. */
        WireMockServer server() {
            return server;
        }

        /** One page of Stripe's {@code GET /v1/events} listing {@code events} (raw JSON), as stripe-java reads it. */
        static ResponseDefinitionBuilder page(boolean hasMore, List<String> events) {
            return aResponse().withHeader("Content-Type", "application/json")
                    .withBody("{\"object\": \"list\", \"url\": \"/v1/events\", \"has_more\": " + hasMore
                            + ", \"data\": [" + String.join(",", events) + "]}");
        }

        /** Every {@code GET /v1/events} answers one last page listing {@code events}. */
        void lists(List<String> events) {
            server.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(page(false, events)));
        }

        /** The reconciliation of the last 72 h at {@code clock}, through {@code webhooks}, calling this fake. */
        StripeReconciliation reconciliation(String apiKey, PaymentWebhooks webhooks, Clock clock) {
            var client = StripeClient.builder().setApiKey(apiKey).setMaxNetworkRetries(0)
                    .setApiBase("http://localhost:" + server.port()).build();
            return new StripeReconciliation(client, webhooks, clock, Duration.ofHours(72));
        }

        @Override
        public void close() {
            server.stop();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            close();
        }
    }
}
