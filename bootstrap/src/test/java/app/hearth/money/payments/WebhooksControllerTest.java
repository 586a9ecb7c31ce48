package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.payments.webhooks.AdaptyWebhookAuthorization;
import app.hearth.adapters.money.payments.webhooks.StripeWebhookVerifier;
import app.hearth.adapters.money.payments.webhooks.WebhooksController;
import app.hearth.application.money.payments.PaymentWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;

/**
 * A notification that cannot be recorded (the database is down) answers 503, never 404 or another answer from 200
 * to 404 at which Adapty would stop retrying; the controller hands the pipeline exactly what it authenticated.
 */
class WebhooksControllerTest {

    private static final long NOW = 1_785_406_600L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private static WebhooksController controller(PaymentWebhooks pipeline) {
        return new WebhooksController(pipeline, new StripeWebhookVerifier("whsec_test", Duration.ofSeconds(300),
                CLOCK), new AdaptyWebhookAuthorization("sandbox", "production"));
    }

    private static final PaymentWebhooks DATABASE_DOWN = notification -> {
        throw new DataAccessResourceFailureException("connection refused");
    };

    @Test
    void aStripeEventThatCannotBeRecordedAnswers503() {
        String body = Fixtures.stripe("invoice.paid");
        var response = controller(DATABASE_DOWN).stripe(Fixtures.stripeSignature(body, "whsec_test", NOW),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) response.getBody()).getProperties()).containsEntry("code",
                "WEBHOOK_TEMPORARILY_UNAVAILABLE");
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("60");
    }

    @Test
    void anAdaptyEventThatCannotBeRecordedAnswers503() {
        String body = Fixtures.adapty("subscription_renewed");
        var response = controller(DATABASE_DOWN).adapty("production", body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void thePipelineGetsTheRawBodyTheIdsAndTheReading() {
        var received = new PaymentWebhooks.Notification[1];
        PaymentWebhooks recording = notification -> {
            received[0] = notification;
            return new PaymentWebhooks.Receipt(false, PaymentWebhooks.Outcome.FACT_RECORDED, null);
        };
        String body = Fixtures.adapty("subscription_started.stripe");
        assertThat(controller(recording).adapty("sandbox", body.getBytes(StandardCharsets.UTF_8))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(received[0].provider()).isEqualTo("adapty");
        assertThat(received[0].providerEventId()).isEqualTo("6c307511-b2b9-437a-a8df-6ec4ce4a2bbd");
        assertThat(received[0].eventType()).isEqualTo("subscription_started");
        assertThat(received[0].environment()).isEqualTo("Sandbox");
        assertThat(received[0].payload()).isEqualTo(body);
        assertThat(received[0].reading()).isInstanceOf(PaymentWebhooks.Reading.Normalized.class);
    }
}
