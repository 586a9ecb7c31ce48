package app.hearth.adapters.money.payments.webhooks;

import app.hearth.adapters.shared.web.WebhookJson;
import app.hearth.application.money.payments.PaymentWebhooks.Notification;
import app.hearth.application.money.payments.PaymentWebhooks;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.param.EventListParams;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Semantics.md "Payment events", step 7: asks Stripe for the events of the last {@code window} (72 h) of the types
 * Hearth acts on ({@code GET /v1/events}, {@code created[gte]}, every page) and runs each through the same pipeline
 * as a webhook. One already received is a duplicate in the inbox and changes nothing, so nodes may run this at
 * once and webhooks may arrive meanwhile. A per-client {@link StripeClient} (its own API base and key), not
 * stripe-java's global {@code Stripe.apiKey}/{@code overrideApiBase}.
 */
public final class StripeReconciliation {

    private static final Logger log = LoggerFactory.getLogger(StripeReconciliation.class);

    /** The types {@link StripeEvents} acts on; Stripe filters by them (at most 20). */
    static final List<String> TYPES = List.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
            "invoice.paid", "invoice.payment_failed", "customer.subscription.updated", "customer.subscription.deleted",
            "charge.refunded");

    private final StripeClient stripe;
    private final PaymentWebhooks webhooks;
    private final Clock clock;
    private final Duration window;

    /** What a pass did: events Stripe listed, newly recorded, already there, failed (retried by the next pass). */
    public record Pass(int listed, int recorded, int duplicates, int failed) {
    }

    public StripeReconciliation(StripeClient stripe, PaymentWebhooks webhooks, Clock clock, Duration window) {
        this.stripe = stripe;
        this.webhooks = webhooks;
        this.clock = clock;
        this.window = window;
    }

    public Pass reconcile() throws StripeException {
        long since = clock.instant().minus(window).getEpochSecond();
        int listed = 0;
        int recorded = 0;
        int duplicates = 0;
        int failed = 0;
        String startingAfter = null;
        boolean more;
        do {
            var params = EventListParams.builder()
                    .setCreated(EventListParams.Created.builder().setGte(since).build())
                    .addAllType(TYPES)
                    .setLimit(100L);
            if (startingAfter != null) {
                params.setStartingAfter(startingAfter);
            }
            StripeCollection<Event> page = stripe.events().list(params.build());
            // each event as Stripe sent it: stripe-java's typed events drop nulls (previous_attributes!) when
            // written out again, so the page's own JSON is read
            JsonNode body = WebhookJson.object(page.getLastResponse().body())
                    .orElseThrow(() -> new IllegalStateException("Stripe's events list is not JSON"));
            for (JsonNode event : body.path("data")) {
                listed++;
                String eventId = WebhookJson.text(event.path("id"));
                try {
                    if (receive(eventId, event)) {
                        recorded++;
                    } else {
                        duplicates++;
                    }
                } catch (RuntimeException failure) {
                    failed++;
                    log.warn("Stripe event {} from the events list could not be recorded; the next pass retries: {}",
                            eventId, failure.getMessage());
                }
                startingAfter = eventId;
            }
            more = Boolean.TRUE.equals(page.getHasMore()) && startingAfter != null && !body.path("data").isEmpty();
        } while (more);
        if (recorded > 0 || failed > 0) {
            log.warn("ALERT Stripe reconciliation: {} event(s) of the last {} had not arrived by webhook and were "
                    + "recorded now, {} failed", recorded, window, failed);
        }
        return new Pass(listed, recorded, duplicates, failed);
    }

    /** True when the event was new to the inbox. */
    private boolean receive(String eventId, JsonNode event) {
        String type = WebhookJson.text(event.path("type"));
        if (eventId == null || type == null) {
            throw new IllegalStateException("Stripe listed an event without id or type");
        }
        String environment = event.path("livemode").asBoolean(false) ? "live" : "test";
        var receipt = webhooks.receive(new Notification(PaymentWebhooks.STRIPE, eventId, type, environment,
                event.toString(), StripeEvents.read(event)));
        return !receipt.duplicate();
    }
}
