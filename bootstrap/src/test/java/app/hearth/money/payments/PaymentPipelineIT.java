package app.hearth.money.payments;

import static app.hearth.money.payments.PaymentsItSupport.adapty;
import static app.hearth.money.payments.PaymentsItSupport.assertOk;
import static app.hearth.money.payments.PaymentsItSupport.profile;
import static app.hearth.money.payments.PaymentsItSupport.stripe;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.support.DatabaseOutage;
import app.hearth.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline through the real application: what each notification becomes (ignored, parked when unreadable,
 * handed to the wallets), what operators see, and a temporary failure that answers 503 and leaves nothing behind.
 */
class PaymentPipelineIT extends IntegrationTest {

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Value("${hearth.payments.adapty.sandbox-authorization}")
    String sandbox;

    private Map<String, Object> inbox(String provider, String eventId) {
        return jdbc.queryForMap("select * from payment_inbox where provider = ? and provider_event_id = ?", provider,
                eventId);
    }

    private Map<String, Object> fact(String dedupeKey) {
        return jdbc.queryForMap("select * from payment_fact where dedupe_key = ?", dedupeKey);
    }

    private String register(String member) {
        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(201);
        return member;
    }

    @Test
    void aTypeHearthDoesNotActOnIsRecordedAndIgnored() {
        String id = "evt_ign" + unique();
        var response = stripe(anonymous(), secret, Fixtures.replace(Fixtures.stripe("payout.failed"),
                "evt_1u0mPofbbehNx8QT1ZTEiLEs", id));
        assertOk(response);
        assertThat(response.body().get("outcome").asString()).isEqualTo("IGNORED");
        assertThat(inbox("stripe", id).get("outcome")).isEqualTo("IGNORED");
        assertThat(inbox("stripe", id).get("event_type")).isEqualTo("payout.failed");
        assertThat(jdbc.queryForObject("select count(*) from payment_fact where provider_event_id = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void anEventThatCannotBeReadIsParkedForReviewAndAnswered200() {
        String id = "evt_par" + unique();
        String partial = Fixtures.replace(Fixtures.stripe("charge.refunded"), "evt_1YQr6SRrHuoIQciTK0OVQwnN", id,
                "\"amount_refunded\": 999", "\"amount_refunded\": 300", "\"refunded\": true", "\"refunded\": false");
        var response = stripe(anonymous(), secret, partial);
        assertOk(response);
        assertThat(response.body().get("outcome").asString()).isEqualTo("UNREADABLE");
        assertThat(inbox("stripe", id).get("outcome")).isEqualTo("UNREADABLE");
        var parked = jdbc.queryForMap("select * from parked_payment_event where provider_event_id = ?", id);
        assertThat((String) parked.get("reason")).contains("partial refund");
        assertThat(parked.get("resolved_at")).isNull();

        JsonNode listed = parkedWith(id);
        assertThat(listed).isNotNull();
        assertThat(listed.get("reason").asString()).contains("partial refund");
        assertThat(listed.get("environment").asString()).isEqualTo("test");
    }

    @Test
    void aKnownMembersPurchaseIsHandedToTheWalletsAndOperatorsSeeWhatBecameOfIt() {
        String member = register("payer-" + UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        String transaction = "2000" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        var response = adapty(anonymous(), sandbox, PaymentsItSupport.sandboxed(Fixtures.replace(
                Fixtures.adapty("non_subscription_purchase.anonymous"),
                "98ae4334-6c12-4ce8-ae34-0454cac5b68c", eventId, "2000001328710122", transaction,
                "\"customer_user_id\": null", "\"customer_user_id\": \"" + member + "\"")));
        assertOk(response);
        assertThat(response.body().get("outcome").asString()).as("answered once recorded").isEqualTo("RECORDED");
        assertThat(inbox("adapty", eventId).get("outcome")).as("applied after the answer").isEqualTo("FACT_RECORDED");
        String key = "APP_STORE:" + transaction + ":ONE_TIME_PURCHASE";
        assertThat(inbox("adapty", eventId).get("dedupe_key")).isEqualTo(key);
        assertThat(fact(key).get("handed_on")).isEqualTo(1);

        var payments = as("admin", "ops-admin").get("/api/v1/admin/members/" + member + "/payments");
        assertThat(payments.status()).isEqualTo(200);
        JsonNode item = payments.body().get("items").get(0);
        assertThat(item.get("dedupeKey").asString()).isEqualTo(key);
        assertThat(item.get("kind").asString()).isEqualTo("ONE_TIME_PURCHASE");
        assertThat(item.get("amountCents").asLong()).isEqualTo(899);
        assertThat(item.get("currency").asString()).isEqualTo("GBP");
        assertThat(item.get("productRef").asString()).isEqualTo("tokens_100");
        assertThat(item.get("memberId").asString()).isEqualTo(member);
        assertThat(item.get("status").asString()).isEqualTo(fact(key).get("status"));
        assertThat(item.get("provider").asString()).isEqualTo("adapty");
        if ("PARKED".equals(fact(key).get("status"))) {
            // until the wallets are merged: parked with its reason, in the review queue
            assertThat(item.get("reason").asString()).isEqualTo("no wallet yet");
            assertThat(parkedWith(eventId).get("memberId").asString()).isEqualTo(member);
        }
        assertThat(as("member", member).get("/api/v1/admin/members/" + member + "/payments").status())
                .isEqualTo(403);
        assertThat(as("companion", "ops-companion").get("/api/v1/admin/parked-payment-events").status())
                .isEqualTo(403);
        assertThat(as("admin", "ops-admin").get("/api/v1/admin/members/nobody-at-all/payments").body().get("items"))
                .isEmpty();
    }

    @Test
    void aFactParkedWithoutAProductIsOfferedAgainWhenALaterReportNamesIt() {
        String member = register("reoffer-" + UUID.randomUUID());
        String tag = unique();
        String invoice = "in_reo" + tag;
        String checkout = Fixtures.replace(Fixtures.stripe("checkout.session.completed.subscription"),
                "evt_1k4JagRrHuoIQciTVuALIXQ8", "evt_reochk" + tag, Fixtures.FIRST_INVOICE_A, invoice,
                Fixtures.CUSTOMER_A, "cus_reo" + tag, Fixtures.MEMBER, member);
        assertOk(stripe(anonymous(), secret, checkout));
        String key = "STRIPE:" + invoice + ":SUBSCRIPTION_STARTED";
        assertThat(fact(key).get("product_ref")).isNull();
        // a Checkout session names no product: the wallet refuses it by a parking rule, inside the pipeline's
        // transaction, which still commits the inbox row, the fact and the parked event (nothing rolled back)
        assertThat(fact(key).get("status")).isEqualTo("PARKED");
        assertThat((String) fact(key).get("reason")).startsWith(WalletDecider.PRODUCT_UNKNOWN);
        assertThat(inbox("stripe", "evt_reochk" + tag).get("outcome")).isEqualTo("FACT_RECORDED");
        assertThat(parkedWith("evt_reochk" + tag).get("memberId").asString()).isEqualTo(member);

        String invoicePaid = Fixtures.replace(Fixtures.stripe("invoice.paid"), "evt_1DGcocRrHuoIQciTFdHT37gi",
                "evt_reoinv" + tag, Fixtures.FIRST_INVOICE_A, invoice, Fixtures.CUSTOMER_A, "cus_reo" + tag);
        assertOk(stripe(anonymous(), secret, invoicePaid));
        var fact = fact(key);
        assertThat(fact.get("product_ref")).isEqualTo(Fixtures.PRICE_A);
        assertThat(fact.get("reports")).isEqualTo(2);
        // offered again because the first hand-over was parked; the member's V1 wallet refuses a V2 tier: parked
        assertThat(fact.get("handed_on")).isEqualTo(2);
        assertThat(fact.get("status")).isEqualTo("PARKED");
        assertThat((String) fact.get("reason")).startsWith(WalletDecider.PRODUCT_OF_ANOTHER_VERSION);
    }

    @Test
    void aTemporaryFailureAnswers503StoresNothingAndTheRetryIsRecordedOnce() {
        String id = "evt_out" + unique();
        String body = Fixtures.replace(Fixtures.stripe("invoice.payment_failed"), "evt_1UubNtRrHuoIQciTP8URyADK",
                id);
        try (var outage = DatabaseOutage.of(jdbc, "payment_inbox")) {
            var refused = stripe(anonymous(), secret, body);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("WEBHOOK_TEMPORARILY_UNAVAILABLE");
            assertThat(refused.header("Retry-After")).isEqualTo("60");
        }
        assertThat(jdbc.queryForObject("select count(*) from payment_fact where provider_event_id = ?",
                Integer.class, id)).isZero();
        var retried = stripe(anonymous(), secret, body);
        assertOk(retried);
        assertThat(retried.body().get("duplicate").asBoolean()).isFalse();
        assertThat(stripe(anonymous(), secret, body).body().get("duplicate").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from payment_inbox where provider_event_id = ?",
                Integer.class, id)).isEqualTo(1);
    }

    /** The open parked event of a notification, from the operators' list. */
    private JsonNode parkedWith(String providerEventId) {
        var admin = as("admin", "ops-admin");
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            var response = admin.get("/api/v1/admin/parked-payment-events?limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.status()).isEqualTo(200);
            for (JsonNode item : response.body().get("items")) {
                if (item.get("providerEventId").asString().equals(providerEventId)) {
                    return item;
                }
            }
            JsonNode next = response.body().get("nextCursor");
            if (next == null || next.isNull()) {
                return null;
            }
            cursor = next.asString();
        }
        return null;
    }
}
