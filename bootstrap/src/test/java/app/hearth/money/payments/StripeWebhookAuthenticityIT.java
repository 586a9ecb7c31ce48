package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reliability test #1 for Stripe: signed exactly as Stripe signs ({@code t=<ts>,v1=<hex HMAC-SHA256(secret,
 * ts + "." + body)>}) over the very bytes sent. Only a valid signature within 300 s either way is recorded; every
 * refusal answers 401 with a problem and stores no row (counted by SQL).
 */
class StripeWebhookAuthenticityIT extends IntegrationTest {

    static final String STRIPE = "/api/v1/webhooks/stripe";

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    /** invoice.paid with an event id of its own. */
    private static String event(String eventId) {
        return Fixtures.replace(Fixtures.stripe("invoice.paid"), "evt_1DGcocRrHuoIQciTFdHT37gi", eventId,
                Fixtures.FIRST_INVOICE_A, "in_" + eventId.substring(4));
    }

    private static String eventId() {
        return "evt_auth" + UUID.randomUUID().toString().replace("-", "");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private Api.Response post(String body, String signature) {
        Api api = signature == null ? anonymous() : anonymous().withHeader("Stripe-Signature", signature);
        return api.postRaw(STRIPE, body);
    }

    private int inboxRows() {
        return jdbc.queryForObject("select count(*) from payment_inbox", Integer.class);
    }

    private int inboxRows(String eventId) {
        return jdbc.queryForObject("select count(*) from payment_inbox where provider = 'stripe' and "
                + "provider_event_id = ?", Integer.class, eventId);
    }

    private void assertRefusedAndNothingStored(String body, String signature, String eventId) {
        int before = inboxRows();
        var response = post(body, signature);
        assertThat(response.status()).as(signature).isEqualTo(401);
        assertThat(response.code()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(inboxRows(eventId)).isZero();
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void aValidSignatureIsRecordedOnce() {
        String id = eventId();
        String body = event(id);
        var response = post(body, Fixtures.stripeSignature(body, secret, now()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("received").asBoolean()).isTrue();
        assertThat(response.body().get("duplicate").asBoolean()).isFalse();
        assertThat(inboxRows(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select payload from payment_inbox where provider_event_id = ?", String.class,
                id)).isEqualTo(body);
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String id = eventId();
        String body = event(id);
        assertRefusedAndNothingStored(body, Fixtures.stripeSignature(body, secret + "x", now()), id);
        assertRefusedAndNothingStored(body, Fixtures.stripeSignature(body, "whsec_someone_else", now()), id);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String id = eventId();
        String body = event(id);
        String signature = Fixtures.stripeSignature(body, secret, now());
        assertRefusedAndNothingStored(body.replace("\"amount_paid\": 1499", "\"amount_paid\": 149900"), signature,
                id);
        assertRefusedAndNothingStored(body + " ", signature, id);
        assertRefusedAndNothingStored(body.replace("\n", "\r\n"), signature, id);
    }

    @Test
    void aMissingOrEmptySignatureHeaderIsRefused() {
        String id = eventId();
        String body = event(id);
        assertRefusedAndNothingStored(body, null, id);
        assertRefusedAndNothingStored(body, "", id);
    }

    @Test
    void aTimestamp301SecondsOldIsRefusedAnd299SecondsOldIsNot() {
        String id = eventId();
        String body = event(id);
        assertRefusedAndNothingStored(body, Fixtures.stripeSignature(body, secret, now() - 301), id);
        assertThat(post(body, Fixtures.stripeSignature(body, secret, now() - 299)).status()).isEqualTo(200);
        assertThat(inboxRows(id)).isEqualTo(1);
    }

    @Test
    void aTimestamp301SecondsInTheFutureIsRefusedAnd299SecondsIsNot() {
        String id = eventId();
        String body = event(id);
        assertRefusedAndNothingStored(body, Fixtures.stripeSignature(body, secret, now() + 301), id);
        assertThat(post(body, Fixtures.stripeSignature(body, secret, now() + 299)).status()).isEqualTo(200);
        assertThat(inboxRows(id)).isEqualTo(1);
    }

    @Test
    void twoV1SignaturesDuringSecretRotationPassWhenEitherMatches() {
        long ts = now();
        String first = eventId();
        String body = event(first);
        String valid = Fixtures.hmac(secret, ts + "." + body);
        String old = Fixtures.hmac("whsec_the_previous_secret", ts + "." + body);
        assertThat(post(body, "t=" + ts + ",v1=" + old + ",v1=" + valid).status()).isEqualTo(200);
        assertThat(inboxRows(first)).isEqualTo(1);

        String second = eventId();
        String other = event(second);
        String validOther = Fixtures.hmac(secret, ts + "." + other);
        String oldOther = Fixtures.hmac("whsec_the_previous_secret", ts + "." + other);
        assertThat(post(other, "t=" + ts + ",v1=" + validOther + ",v1=" + oldOther).status()).isEqualTo(200);
        assertThat(inboxRows(second)).isEqualTo(1);

        String third = eventId();
        String neither = event(third);
        assertRefusedAndNothingStored(neither, "t=" + ts + ",v1=" + Fixtures.hmac("whsec_a", ts + "." + neither)
                + ",v1=" + Fixtures.hmac("whsec_b", ts + "." + neither), third);
    }

    @Test
    void aValidSignatureUnderAnUnknownSchemeOnlyIsRefused() {
        long ts = now();
        String id = eventId();
        String body = event(id);
        String hmac = Fixtures.hmac(secret, ts + "." + body);
        assertRefusedAndNothingStored(body, "t=" + ts + ",v0=" + hmac, id);
        assertRefusedAndNothingStored(body, "t=" + ts + ",v2=" + hmac, id);
        assertRefusedAndNothingStored(body, "t=" + ts + ",V1=" + hmac, id);
    }

    @Test
    void anAuthenticBodyThatIsNotAStripeEventAnswers400AndStoresNothing() {
        int before = inboxRows();
        for (String body : new String[] {"{not json", "[1,2]", "{}", "\"text\""}) {
            var response = post(body, Fixtures.stripeSignature(body, secret, now()));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).isEqualTo("WEBHOOK_PAYLOAD_INVALID");
        }
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void aHearthTokenIsNoSubstituteForTheSignature() {
        String id = eventId();
        String body = event(id);
        var response = as("superadmin", "stripe-impostor").postRaw(STRIPE, body);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(inboxRows(id)).isZero();
    }
}
