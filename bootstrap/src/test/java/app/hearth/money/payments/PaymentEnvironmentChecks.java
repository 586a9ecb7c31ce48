package app.hearth.money.payments;

import static app.hearth.money.payments.PaymentsItSupport.adapty;
import static app.hearth.money.payments.PaymentsItSupport.assertOk;
import static app.hearth.money.payments.PaymentsItSupport.profile;
import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.money.payments.PaymentPipeline;
import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Test money stays out of production (ADR 0032), on an application whose {@code hearth.payments.environment} is
 * {@link #applies()}: a Stripe event and an Adapty event of that environment move the wallet; those of the other
 * one (Stripe {@code livemode}, Adapty {@code environment}) are recorded (inbox and fact) with a status that says
 * so, never handed to the wallets, and the operators' view shows each fact's environment and that it was not applied.
 */
abstract class PaymentEnvironmentChecks extends IntegrationTest {

    @Autowired
    PaymentPipeline pipeline;

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Value("${hearth.payments.adapty.sandbox-authorization}")
    String sandbox;

    @Value("${hearth.payments.adapty.production-authorization}")
    String production;

    /** The environment this application applies. */
    abstract PaymentEnvironment applies();

    private String register() {
        String member = "env-" + applies().code() + "-" + UUID.randomUUID();
        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(201);
        return member;
    }

    /** A Stripe Checkout payment of 100 tokens by {@code member} in {@code environment}; its dedupe key. */
    private String stripePurchase(String member, PaymentEnvironment environment) {
        String tag = unique();
        String body = PaymentsItSupport.stripePurchase("evt_env" + tag, "pi_env" + tag, member);
        if (environment == PaymentEnvironment.LIVE) {
            body = body.replace("\"livemode\": false", "\"livemode\": true");
        }
        var response = stripe(anonymous(), secret, body);
        assertOk(response);
        assertThat(response.body().get("outcome").asString()).isEqualTo("RECORDED");
        assertThat(PaymentsItSupport.applied(jdbc, "stripe", "evt_env" + tag).outcome()).isEqualTo("FACT_RECORDED");
        return "STRIPE:pi_env" + tag + ":ONE_TIME_PURCHASE";
    }

    /** An Adapty purchase of 100 tokens by {@code member}: sandbox or production, with that Authorization value. */
    private String adaptyPurchase(String member, PaymentEnvironment environment) {
        String transaction = "2000" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String eventId = UUID.randomUUID().toString();
        String body = Fixtures.replace(Fixtures.adapty("non_subscription_purchase.anonymous"),
                "98ae4334-6c12-4ce8-ae34-0454cac5b68c", eventId,
                "2000001328710122", transaction,
                "\"customer_user_id\": null", "\"customer_user_id\": \"" + member + "\"");
        boolean live = environment == PaymentEnvironment.LIVE;
        var response = adapty(anonymous(), live ? production : sandbox, live ? body
                : PaymentsItSupport.sandboxed(body));
        assertOk(response);
        assertThat(response.body().get("outcome").asString()).isEqualTo("RECORDED");
        assertThat(PaymentsItSupport.applied(jdbc, "adapty", eventId).outcome()).isEqualTo("FACT_RECORDED");
        return "APP_STORE:" + transaction + ":ONE_TIME_PURCHASE";
    }

    private PaymentEnvironment other() {
        return applies() == PaymentEnvironment.LIVE ? PaymentEnvironment.TEST : PaymentEnvironment.LIVE;
    }

    private long paidTokens(String member) {
        return as("member", member).get("/api/v1/me/wallet").body().get("tokens").get("paid").asLong();
    }

    private Map<String, Object> fact(String key) {
        return jdbc.queryForMap("select * from payment_fact where dedupe_key = ?", key);
    }

    private JsonNode listed(String member, String key) {
        for (JsonNode item : as("admin", "env-admin").get("/api/v1/admin/members/" + member + "/payments").body()
                .get("items")) {
            if (item.get("dedupeKey").asString().equals(key)) {
                return item;
            }
        }
        throw new AssertionError(key + " is not in the operators' view of " + member);
    }

    @Test
    void theApplicationAppliesTheConfiguredEnvironmentOnly() {
        assertThat(pipeline.environment()).isEqualTo(applies());
    }

    @Test
    void stripeAndAdaptyPaymentsOfTheOtherEnvironmentAreRecordedAndNotApplied() {
        String member = register();
        String notApplied = other().notAppliedCode();
        for (String key : new String[] {stripePurchase(member, other()), adaptyPurchase(member, other())}) {
            var fact = fact(key);
            assertThat(fact.get("status")).as(key).isEqualTo(notApplied);
            assertThat((String) fact.get("reason")).startsWith(notApplied + ": a " + other().code() + " payment");
            assertThat(fact.get("handed_on")).isEqualTo(0);
            assertThat(fact.get("member_id")).isEqualTo(member);
            assertThat(jdbc.queryForObject("select outcome from payment_inbox where dedupe_key = ?", String.class,
                    key)).isEqualTo("FACT_RECORDED");
            JsonNode item = listed(member, key);
            assertThat(item.get("environment").asString()).isEqualTo(other().code());
            assertThat(item.get("status").asString()).isEqualTo(notApplied);
            assertThat(item.get("applied").asBoolean()).isFalse();
        }
        assertThat(paidTokens(member)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'wallet.TokensPurchased'", Integer.class, "wallet:" + member)).isZero();
    }

    @Test
    void stripeAndAdaptyPaymentsOfTheConfiguredEnvironmentAreApplied() {
        String member = register();
        for (String key : new String[] {stripePurchase(member, applies()), adaptyPurchase(member, applies())}) {
            assertThat(fact(key).get("status")).as(key).isEqualTo("APPLIED");
            JsonNode item = listed(member, key);
            assertThat(item.get("environment").asString()).isEqualTo(applies().code());
            assertThat(item.get("applied").asBoolean()).isTrue();
        }
        assertThat(paidTokens(member)).isEqualTo(200);
    }
}
