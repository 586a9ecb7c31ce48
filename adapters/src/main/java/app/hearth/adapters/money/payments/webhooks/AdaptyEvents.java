package app.hearth.adapters.money.payments.webhooks;

import static app.hearth.adapters.shared.web.WebhookJson.id;
import static app.hearth.adapters.shared.web.WebhookJson.required;
import static app.hearth.adapters.shared.web.WebhookJson.text;

import app.hearth.adapters.shared.web.WebhookJson;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Adapty webhook event ({@code event_api_version} 1) into a {@link PaymentEvent}. Trials are
 * subscriptions at price 0: {@code trial_started} starts one, {@code trial_converted} is its first paid period (a
 * renewal of the same transaction chain), and the trial's cancel, reactivate and expire are the subscription's.
 * Amounts are {@code price_local} in {@code currency}, read as decimals and turned into the smallest unit.
 */
public final class AdaptyEvents {

    /** How an Adapty event type maps; {@code transaction} says whether the fact is the store transaction's. */
    private record Mapping(PaymentEventKind kind, boolean transaction, boolean charges) {
    }

    private static final Map<String, Mapping> MAPPINGS = Map.ofEntries(
            Map.entry("subscription_started", new Mapping(PaymentEventKind.SUBSCRIPTION_STARTED, true, true)),
            Map.entry("trial_started", new Mapping(PaymentEventKind.SUBSCRIPTION_STARTED, true, true)),
            Map.entry("subscription_renewed", new Mapping(PaymentEventKind.SUBSCRIPTION_RENEWED, true, true)),
            Map.entry("trial_converted", new Mapping(PaymentEventKind.SUBSCRIPTION_RENEWED, true, true)),
            Map.entry("subscription_renewal_cancelled",
                    new Mapping(PaymentEventKind.SUBSCRIPTION_CANCELLED, false, false)),
            Map.entry("trial_renewal_cancelled", new Mapping(PaymentEventKind.SUBSCRIPTION_CANCELLED, false, false)),
            Map.entry("subscription_renewal_reactivated",
                    new Mapping(PaymentEventKind.SUBSCRIPTION_REACTIVATED, false, false)),
            Map.entry("trial_renewal_reactivated",
                    new Mapping(PaymentEventKind.SUBSCRIPTION_REACTIVATED, false, false)),
            Map.entry("subscription_expired", new Mapping(PaymentEventKind.SUBSCRIPTION_EXPIRED, false, false)),
            Map.entry("trial_expired", new Mapping(PaymentEventKind.SUBSCRIPTION_EXPIRED, false, false)),
            // both fire at the moment a renewal fails: one fact for the failed transaction
            Map.entry("billing_issue_detected", new Mapping(PaymentEventKind.BILLING_ISSUE, true, false)),
            Map.entry("entered_grace_period", new Mapping(PaymentEventKind.BILLING_ISSUE, true, false)),
            Map.entry("subscription_refunded", new Mapping(PaymentEventKind.REFUNDED, true, true)),
            Map.entry("non_subscription_purchase", new Mapping(PaymentEventKind.ONE_TIME_PURCHASE, true, true)),
            Map.entry("access_level_updated", new Mapping(PaymentEventKind.INFORMATIONAL, false, false)));

    private AdaptyEvents() {
    }

    /** Adapty's id of one event, documented as its deduplication id. */
    public static String eventId(JsonNode event) {
        return text(event.path("event_properties").path("profile_event_id"));
    }

    public static String eventType(JsonNode event) {
        return text(event.path("event_type"));
    }

    /** {@code Sandbox} or {@code Production}: which Authorization value the event must carry. */
    public static String environment(JsonNode event) {
        return text(event.path("event_properties").path("environment"));
    }

    public static Reading read(JsonNode event) {
        try {
            return readOrThrow(event);
        } catch (WebhookJson.NotReadable | RuleViolation unreadable) {
            return new Reading.Unreadable(unreadable.getMessage());
        }
    }

    private static Reading readOrThrow(JsonNode event) {
        String type = required(eventType(event), "event_type");
        Mapping mapping = MAPPINGS.get(type);
        if (mapping == null) {
            return new Reading.Ignored("Adapty event type " + type + " is not a payment event Hearth acts on");
        }
        JsonNode properties = event.path("event_properties");
        String eventId = required(id(properties.path("profile_event_id"), "profile_event_id"), "profile_event_id");
        Instant occurredAt = required(first(WebhookJson.time(properties.path("event_datetime"), "event_datetime"),
                WebhookJson.time(event.path("event_datetime"), "event_datetime")), "event_datetime");
        Store store = Store.ofAdapty(text(properties.path("store")));
        String transaction = id(properties.path("transaction_id"), "transaction_id");
        String original = id(properties.path("original_transaction_id"), "original_transaction_id");
        if (mapping.transaction() && transaction == null) {
            throw new WebhookJson.NotReadable(type + " without a transaction_id");
        }
        // Stripe bought through Adapty: base_plan_id is the Stripe price, which the catalog knows
        String basePlan = id(properties.path("base_plan_id"), "base_plan_id");
        String product = store == Store.STRIPE && basePlan != null ? basePlan
                : id(properties.path("vendor_product_id"), "vendor_product_id");
        String currency = WebhookJson.currency(properties.path("currency"));
        long amount = 0;
        if (mapping.charges()) {
            // the sign of refunded amounts is not documented: a refund takes back the amount, whatever its sign
            amount = WebhookJson.smallestUnits(WebhookJson.decimal(properties.path("price_local"), "price_local"),
                    currency);
            amount = Math.abs(amount);
        }
        var purchaser = new PurchaserKeys(id(event.path("customer_user_id"), "customer_user_id"),
                first(id(event.path("profile_id"), "profile_id"), id(properties.path("profile_id"), "profile_id")),
                null, text(event.path("email")));
        return new Reading.Normalized(new PaymentEvent(PaymentWebhooks.ADAPTY, eventId, mapping.kind(), store,
                mapping.transaction() ? transaction : null, original, product, amount, currency, occurredAt,
                WebhookJson.time(properties.path("subscription_expires_at"), "subscription_expires_at"),
                purchaser));
    }

    private static <T> T first(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
