package app.hearth.money.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.adapters.money.checkout.stripe.StripeCheckoutProvider;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.checkout.CheckoutSessions;
import app.hearth.application.money.wallet.WalletAccess;
import app.hearth.application.shared.ProviderFailure;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.support.IntegrationTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.stripe.StripeClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Point 7 of the money issue: a Checkout session through stripe-java, against a WireMock standing in for
 * api.stripe.com; the use case and the Stripe adapter are the application's own, wired to that fake.
 */
class CheckoutSessionsIT extends IntegrationTest {

    @Autowired
    Catalogs catalogs;

    @Autowired
    WalletAccess wallets;

    private WireMockServer stripeApi;
    private CheckoutSessions checkout;
    private final String member = "checkout-" + UUID.randomUUID();

    @BeforeEach
    void fakeStripe() {
        stripeApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripeApi.start();
        var client = StripeClient.builder().setApiKey("sk_test_hearth").setApiBase(stripeApi.baseUrl()).build();
        checkout = new CheckoutSessions(catalogs, wallets, new StripeCheckoutProvider(client), Clock.systemUTC());
    }

    @AfterEach
    void stopStripe() {
        stripeApi.stop();
    }

    @Test
    void aMemberGetsACheckoutSessionForAProductOfTheirVersionWithTheirIdAsClientReference() {
        stripeApi.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"cs_test_hearth1\",\"object\":\"checkout.session\",\"mode\":\"payment\","
                        + "\"url\":\"https://checkout.stripe.com/c/pay/cs_test_hearth1\"}")));

        var session = checkout.start(new Actor(member, Role.MEMBER), "tokens_100", "https://app.example.com/ok",
                "https://app.example.com/cancel", "key-1");

        assertThat(session.sessionId()).isEqualTo("cs_test_hearth1");
        assertThat(session.url()).startsWith("https://checkout.stripe.com/");
        var sent = stripeApi.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))).getFirst();
        String form = URLDecoder.decode(sent.getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(form).contains("client_reference_id=" + member, "mode=payment",
                "line_items[0][price]=" + catalogs.current().catalog().product("tokens_100").orElseThrow()
                        .providerIds().stripePriceId(), "line_items[0][quantity]=1", "metadata[member_id]=" + member,
                "metadata[product_id]=tokens_100", "payment_intent_data[metadata][member_id]=" + member);
        stripeApi.verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", equalTo(member + ":key-1"))
                .withHeader("Authorization", containing("sk_test_hearth")));
    }

    @Test
    void productsOfAnotherVersionUnknownOnesAndStripeRefusalsAreClearErrors() {
        var actor = new Actor(member, Role.MEMBER);
        assertThatThrownBy(() -> checkout.start(actor, "premium", "https://a.example.com", "https://b.example.com",
                "k")).hasFieldOrPropertyWithValue("code", CheckoutSessions.PRODUCT_OF_ANOTHER_VERSION);
        assertThatThrownBy(() -> checkout.start(actor, "nope", "https://a.example.com", "https://b.example.com",
                "k")).hasFieldOrPropertyWithValue("code", CheckoutSessions.PRODUCT_NOT_FOUND);
        assertThatThrownBy(() -> checkout.start(actor, "tokens_100", "javascript:alert(1)", "https://b.example.com",
                "k")).hasFieldOrPropertyWithValue("code", "INVALID_URL");

        stripeApi.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such price\"}}")));
        assertThatThrownBy(() -> checkout.start(actor, "tokens_100", "https://a.example.com",
                "https://b.example.com", "k2"))
                .isInstanceOfSatisfying(ProviderFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo("CHECKOUT_PROVIDER_FAILED"));
    }

    @Test
    void overHttpTheKeyIsRequiredAndWithoutAStripeKeyCheckoutIsRefusedClearly() {
        var api = as("member", member);
        var noKey = api.post("/api/v1/me/checkout-sessions", Map.of("productId", "tokens_100",
                "successUrl", "https://a.example.com", "cancelUrl", "https://b.example.com"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("HEADER_REQUIRED");
        var notConfigured = api.withHeader("Idempotency-Key", "k").post("/api/v1/me/checkout-sessions",
                Map.of("productId", "tokens_100", "successUrl", "https://a.example.com",
                        "cancelUrl", "https://b.example.com"));
        assertThat(notConfigured.status()).isEqualTo(422);
        assertThat(notConfigured.code()).isEqualTo("CHECKOUT_NOT_CONFIGURED");
        assertThat(anonymous().post("/api/v1/me/checkout-sessions", Map.of()).status()).isEqualTo(401);
    }
}
