package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sending signed fixtures and registering members, for the payment ITs. */
final class PaymentsItSupport {

    private PaymentsItSupport() {
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static Api.Response stripe(Api api, String secret, String body) {
        return api.withHeader("Stripe-Signature", Fixtures.stripeSignature(body, secret,
                Instant.now().getEpochSecond())).postRaw("/api/v1/webhooks/stripe", body);
    }

    static Api.Response adapty(Api api, String authorization, String body) {
        return api.withHeader("Authorization", authorization).postRaw("/api/v1/webhooks/adapty", body);
    }

    static Map<String, Object> profile() {
        return Map.of("displayName", "Payer", "birthYear", 1950, "languages", List.of("en"), "timeZone",
                "Europe/London", "interests", List.of("music"));
    }

    /** Adapty's anonymous token-pack purchase with its own event, transaction and profile ids. */
    static String anonymousAdaptyPurchase(String eventId, String transaction, String profileId) {
        return Fixtures.replace(Fixtures.adapty("non_subscription_purchase.anonymous"),
                "98ae4334-6c12-4ce8-ae34-0454cac5b68c", eventId,
                "2000001328710122", transaction,
                "9a1de644-815e-46d1-bb8f-aa1837f8a88b", profileId);
    }

    static void assertOk(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    }
}
