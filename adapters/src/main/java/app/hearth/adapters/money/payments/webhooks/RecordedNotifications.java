package app.hearth.adapters.money.payments.webhooks;

import app.hearth.adapters.shared.web.WebhookJson;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;

/**
 * Reads a recorded notification's raw body again for the applier (ADR 0043), with the readers the webhook used when
 * it was recorded: the same body reads the same.
 */
public final class RecordedNotifications {

    private RecordedNotifications() {
    }

    public static Reading read(String provider, String payload) {
        var json = WebhookJson.object(payload);
        if (json.isEmpty()) {
            return new Reading.Unreadable("the recorded body is not a JSON object");
        }
        return switch (provider) {
            case PaymentWebhooks.STRIPE -> StripeEvents.read(json.get());
            case PaymentWebhooks.ADAPTY -> AdaptyEvents.read(json.get());
            default -> new Reading.Unreadable("no reader for provider " + provider);
        };
    }
}
