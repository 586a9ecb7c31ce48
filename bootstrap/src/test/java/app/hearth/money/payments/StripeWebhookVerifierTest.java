package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.adapters.money.payments.webhooks.StripeWebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Stripe's signature as stripe-java checks it, plus what stripe-java does not check: a timestamp in the future, and
 * a tolerance of 0 or less (at which stripe-java accepts any age).
 */
class StripeWebhookVerifierTest {

    private static final String SECRET = "whsec_unit_test_secret";
    private static final long NOW = 1_785_406_600L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String BODY = Fixtures.stripe("invoice.paid");

    private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(SECRET, Duration.ofSeconds(300), CLOCK);

    private StripeWebhookVerifier.Verified verify(String header) {
        return verifier.verify(BODY.getBytes(StandardCharsets.UTF_8), header);
    }

    @Test
    void aToleranceOfZeroOrLessIsRefusedNamingTheSetting() {
        for (Duration tolerance : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(500),
                null}) {
            assertThatThrownBy(() -> new StripeWebhookVerifier(SECRET, tolerance, CLOCK))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hearth.payments.stripe.tolerance");
        }
        assertThat(new StripeWebhookVerifier(SECRET, Duration.ofSeconds(1), CLOCK).configured()).isTrue();
    }

    @Test
    void aSignatureWithinTheToleranceOnEitherSideIsAccepted() {
        assertThat(verify(Fixtures.stripeSignature(BODY, SECRET, NOW)).event().getId())
                .isEqualTo("evt_1DGcocRrHuoIQciTFdHT37gi");
        assertThat(verify(Fixtures.stripeSignature(BODY, SECRET, NOW - 300)).event()).isNotNull();
        assertThat(verify(Fixtures.stripeSignature(BODY, SECRET, NOW + 300)).event()).isNotNull();
    }

    @Test
    void aTimestampMoreThanTheToleranceAheadOrBehindIsRefused() {
        assertThatThrownBy(() -> verify(Fixtures.stripeSignature(BODY, SECRET, NOW + 301)))
                .isInstanceOf(StripeWebhookVerifier.Refused.class).hasMessageContaining("future");
        assertThatThrownBy(() -> verify(Fixtures.stripeSignature(BODY, SECRET, NOW - 301)))
                .isInstanceOf(StripeWebhookVerifier.Refused.class).hasMessageContaining("tolerance");
    }

    @Test
    void headersThatCannotBeReadAreRefusedNotFailed() {
        for (String header : new String[] {"", "t", "t=", "t=abc,v1=00", "v1=00", "t=" + NOW, ",,,", "t=" + NOW
                + ",v1"}) {
            assertThatThrownBy(() -> verify(header)).as(header).isInstanceOf(StripeWebhookVerifier.Refused.class);
        }
        assertThatThrownBy(() -> verify(null)).isInstanceOf(StripeWebhookVerifier.Refused.class);
    }

    @Test
    void withoutASecretEveryRequestIsRefused() {
        var unconfigured = new StripeWebhookVerifier(" ", Duration.ofSeconds(300), CLOCK);
        assertThat(unconfigured.configured()).isFalse();
        assertThatThrownBy(() -> unconfigured.verify(BODY.getBytes(StandardCharsets.UTF_8),
                Fixtures.stripeSignature(BODY, " ", NOW))).isInstanceOf(StripeWebhookVerifier.Refused.class);
    }

    @Test
    void anAuthenticBodyThatIsNotAnEventComesBackWithoutOne() {
        String notJson = "this is not json";
        var verified = verifier.verify(notJson.getBytes(StandardCharsets.UTF_8),
                Fixtures.stripeSignature(notJson, SECRET, NOW));
        assertThat(verified.event()).isNull();
    }
}
