package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reliability test #1 for Adapty: the configured Authorization value of the event's environment is recorded, a
 * wrong or missing one (or the other environment's) answers 401 and stores no row (counted by SQL).
 */
class AdaptyWebhookAuthenticityIT extends IntegrationTest {

    static final String ADAPTY = "/api/v1/webhooks/adapty";

    @Value("${hearth.payments.adapty.production-authorization}")
    String production;

    @Value("${hearth.payments.adapty.sandbox-authorization}")
    String sandbox;

    /** A production event (Adapty's published example) with an event id of its own. */
    private static String productionEvent(String eventId) {
        return Fixtures.replace(Fixtures.adapty("subscription_renewed"), "ce177b4e-0837-48a3-9261-a7ab3aa2e4f9",
                eventId, "GPA.3334-1928-3276-48350..1", "GPA." + eventId + "..1");
    }

    /** A sandbox event (Stripe test mode through Adapty) with an event id of its own. */
    private static String sandboxEvent(String eventId) {
        return Fixtures.replace(Fixtures.adapty("subscription_started.stripe"),
                "6c307511-b2b9-437a-a8df-6ec4ce4a2bbd", eventId,
                "\"transaction_id\": \"" + Fixtures.FIRST_INVOICE_A + "\"", "\"transaction_id\": \"in_" + eventId
                        + "\"");
    }

    private Api.Response post(String body, String authorization) {
        Api api = authorization == null ? anonymous() : anonymous().withHeader("Authorization", authorization);
        return api.postRaw(ADAPTY, body);
    }

    private int inboxRows() {
        return jdbc.queryForObject("select count(*) from payment_inbox", Integer.class);
    }

    private int inboxRows(String eventId) {
        return jdbc.queryForObject("select count(*) from payment_inbox where provider = 'adapty' and "
                + "provider_event_id = ?", Integer.class, eventId);
    }

    private void assertRefusedAndNothingStored(String body, String authorization, String eventId) {
        int before = inboxRows();
        var response = post(body, authorization);
        assertThat(response.status()).as(authorization).isEqualTo(401);
        assertThat(response.code()).isEqualTo("WEBHOOK_AUTHORIZATION_INVALID");
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(inboxRows(eventId)).isZero();
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void theRightValueOfEachEnvironmentIsRecorded() {
        String live = UUID.randomUUID().toString();
        var response = post(productionEvent(live), production);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("duplicate").asBoolean()).isFalse();
        assertThat(inboxRows(live)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select environment from payment_inbox where provider_event_id = ?",
                String.class, live)).isEqualTo("Production");

        String test = UUID.randomUUID().toString();
        assertThat(post(sandboxEvent(test), sandbox).status()).isEqualTo(200);
        assertThat(inboxRows(test)).isEqualTo(1);
    }

    @Test
    void aWrongValueIsRefused() {
        String id = UUID.randomUUID().toString();
        String body = productionEvent(id);
        assertRefusedAndNothingStored(body, production + "x", id);
        assertRefusedAndNothingStored(body, production.substring(1), id);
        assertRefusedAndNothingStored(body, "Bearer " + production, id);
    }

    @Test
    void aMissingOrEmptyValueIsRefused() {
        String id = UUID.randomUUID().toString();
        String body = productionEvent(id);
        assertRefusedAndNothingStored(body, null, id);
        assertRefusedAndNothingStored(body, "", id);
    }

    @Test
    void theOtherEnvironmentsValueIsRefused() {
        String live = UUID.randomUUID().toString();
        assertRefusedAndNothingStored(productionEvent(live), sandbox, live);
        String test = UUID.randomUUID().toString();
        assertRefusedAndNothingStored(sandboxEvent(test), production, test);
    }

    @Test
    void aHearthTokenIsNoSubstituteForTheValue() {
        String id = UUID.randomUUID().toString();
        var response = as("superadmin", "adapty-impostor").postRaw(ADAPTY, productionEvent(id));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("WEBHOOK_AUTHORIZATION_INVALID");
        assertThat(inboxRows(id)).isZero();
    }

    @Test
    void adaptysVerificationRequestIsAnsweredAndStoresNothing() {
        int before = inboxRows();
        var response = post("{\"adapty_check\": \"check-7\"}", production);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("adapty_check_response").asString()).isEqualTo("check-7");
        assertThat(post("{\"adapty_check\": \"check-8\"}", "wrong").status()).isEqualTo(401);
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void anAuthorizedBodyThatIsNotAnEventAnswers400AndStoresNothing() {
        int before = inboxRows();
        for (String body : new String[] {"{not json", "[]", "{\"event_type\": \"subscription_renewed\"}"}) {
            var response = post(body, production);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).isEqualTo("WEBHOOK_PAYLOAD_INVALID");
        }
        assertThat(inboxRows()).isEqualTo(before);
    }
}
