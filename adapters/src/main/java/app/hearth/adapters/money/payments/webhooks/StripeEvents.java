package app.hearth.adapters.money.payments.webhooks;

import static app.hearth.adapters.shared.web.WebhookJson.epochSeconds;
import static app.hearth.adapters.shared.web.WebhookJson.id;
import static app.hearth.adapters.shared.web.WebhookJson.integer;
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
import tools.jackson.databind.JsonNode;

/**
 * Reads a Stripe {@code Event} (API version 2026-07-29.dahlia, older shapes where they differ) into a
 * {@link PaymentEvent}. Read from the raw JSON rather than stripe-java's typed objects, which come back empty
 * when an event's {@code api_version} differs from the library's. Types Hearth does not act on are
 * {@link Reading.Ignored}; an event of a type it acts on that lacks what it needs is {@link Reading.Unreadable}.
 */
public final class StripeEvents {

    /** Metadata keys our Checkout sessions may carry the price under (the session itself names no line item). */
    static final String[] PRICE_METADATA = {"price_id", "price", "product_id", "pack"};
    /** Metadata key for our member id where Stripe has no {@code client_reference_id} (subscriptions, charges). */
    static final String MEMBER_METADATA = "member_id";

    private StripeEvents() {
    }

    public static Reading read(JsonNode event) {
        try {
            return readOrThrow(event);
        } catch (WebhookJson.NotReadable | RuleViolation unreadable) {
            return new Reading.Unreadable(unreadable.getMessage());
        }
    }

    private static Reading readOrThrow(JsonNode event) {
        String eventId = required(id(event.path("id"), "id"), "id");
        String type = required(text(event.path("type")), "type");
        Instant created = required(epochSeconds(event.path("created"), "created"), "created");
        JsonNode object = event.path("data").path("object");
        var context = new Context(eventId, created, object);
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(context);
            case "invoice.paid" -> invoice(context, false);
            case "invoice.payment_failed" -> invoice(context, true);
            case "customer.subscription.updated" -> subscriptionUpdated(context, event.path("data")
                    .path("previous_attributes"));
            case "customer.subscription.deleted" -> subscriptionDeleted(context);
            case "charge.refunded" -> refund(context);
            default -> new Reading.Ignored("Stripe event type " + type + " is not a payment event Hearth acts on");
        };
    }

    private record Context(String eventId, Instant created, JsonNode object) {
        PaymentEvent event(PaymentEventKind kind, String transactionId, String originalTransactionId,
                           String productRef, long amountCents, String currency, Instant periodEnd,
                           PurchaserKeys purchaser) {
            return new PaymentEvent(PaymentWebhooks.STRIPE, eventId, kind, Store.STRIPE, transactionId,
                    originalTransactionId, productRef, amountCents, currency, created, periodEnd, purchaser);
        }
    }

    private static Reading checkout(Context context) {
        JsonNode session = context.object();
        String paymentStatus = text(session.path("payment_status"));
        if ("unpaid".equals(paymentStatus)) {
            return new Reading.Ignored("Checkout completed unpaid: checkout.session.async_payment_succeeded "
                    + "reports the payment");
        }
        String mode = text(session.path("mode"));
        String sessionId = required(id(session.path("id"), "session id"), "session id");
        String member = first(id(session.path("client_reference_id"), "client_reference_id"),
                id(session.path("metadata").path(MEMBER_METADATA), "metadata.member_id"));
        String email = first(text(session.path("customer_details").path("email")),
                text(session.path("customer_email")));
        var purchaser = new PurchaserKeys(member, null, customer(session), email);
        long amount = required(integer(session.path("amount_total"), "amount_total"), "amount_total");
        String currency = WebhookJson.currency(session.path("currency"));
        String price = metadataPrice(session.path("metadata"));
        if ("payment".equals(mode)) {
            String paymentIntent = id(session.path("payment_intent"), "payment_intent");
            return new Reading.Normalized(context.event(PaymentEventKind.ONE_TIME_PURCHASE,
                    first(paymentIntent, sessionId), null, price, amount, currency, null, purchaser));
        }
        if ("subscription".equals(mode)) {
            String invoice = id(session.path("invoice"), "invoice");
            String subscription = id(session.path("subscription"), "subscription");
            if (invoice == null) {
                return new Reading.Ignored("subscription Checkout without its first invoice: invoice.paid starts "
                        + "the subscription");
            }
            // the first invoice is the transaction, so this and its invoice.paid (and Adapty's report) count once
            return new Reading.Normalized(context.event(PaymentEventKind.SUBSCRIPTION_STARTED, invoice,
                    subscription, price, amount, currency, null, purchaser));
        }
        return new Reading.Ignored("Checkout in " + mode + " mode moves no money");
    }

    private static Reading invoice(Context context, boolean failed) {
        JsonNode invoice = context.object();
        String invoiceId = required(id(invoice.path("id"), "invoice id"), "invoice id");
        JsonNode line = invoice.path("lines").path("data").path(0);
        String subscription = first(id(invoice.path("parent").path("subscription_details").path("subscription"),
                        "subscription"),
                first(id(invoice.path("subscription"), "subscription"),
                        id(line.path("parent").path("subscription_item_details").path("subscription"),
                                "subscription")));
        if (subscription == null) {
            return new Reading.Ignored("invoice without a subscription: one-time purchases arrive as "
                    + "checkout.session.completed");
        }
        String member = first(id(invoice.path("parent").path("subscription_details").path("metadata")
                .path(MEMBER_METADATA), "metadata.member_id"),
                id(invoice.path("metadata").path(MEMBER_METADATA), "metadata.member_id"));
        var purchaser = new PurchaserKeys(member, null, customer(invoice), text(invoice.path("customer_email")));
        String price = first(id(line.path("pricing").path("price_details").path("price"), "price"),
                first(id(line.path("price").path("id"), "price"), id(line.path("plan").path("id"), "plan")));
        String currency = WebhookJson.currency(invoice.path("currency"));
        if (failed) {
            return new Reading.Normalized(context.event(PaymentEventKind.BILLING_ISSUE, invoiceId, subscription,
                    price, 0, currency, null, purchaser));
        }
        boolean first = "subscription_create".equals(text(invoice.path("billing_reason")));
        long amount = required(integer(invoice.path("amount_paid"), "amount_paid"), "amount_paid");
        return new Reading.Normalized(context.event(first ? PaymentEventKind.SUBSCRIPTION_STARTED
                        : PaymentEventKind.SUBSCRIPTION_RENEWED, invoiceId, subscription, price, amount, currency,
                epochSeconds(line.path("period").path("end"), "period.end"), purchaser));
    }

    private static Reading subscriptionUpdated(Context context, JsonNode previous) {
        JsonNode subscription = context.object();
        if (!previous.has("cancel_at_period_end") && !previous.has("cancel_at")) {
            return new Reading.Ignored("subscription update that neither cancels nor reactivates it");
        }
        boolean after = cancelScheduled(subscription.path("cancel_at_period_end"), subscription.path("cancel_at"));
        boolean before = cancelScheduled(
                previous.has("cancel_at_period_end") ? previous.path("cancel_at_period_end")
                        : subscription.path("cancel_at_period_end"),
                previous.has("cancel_at") ? previous.path("cancel_at") : subscription.path("cancel_at"));
        if (before == after) {
            return new Reading.Ignored("subscription update that neither cancels nor reactivates it");
        }
        return new Reading.Normalized(subscriptionEvent(context, after ? PaymentEventKind.SUBSCRIPTION_CANCELLED
                : PaymentEventKind.SUBSCRIPTION_REACTIVATED, currentPeriodEnd(subscription)));
    }

    private static Reading subscriptionDeleted(Context context) {
        JsonNode subscription = context.object();
        Instant ended = first(epochSeconds(subscription.path("ended_at"), "ended_at"),
                epochSeconds(subscription.path("canceled_at"), "canceled_at"));
        return new Reading.Normalized(subscriptionEvent(context, PaymentEventKind.SUBSCRIPTION_EXPIRED, ended));
    }

    /** A change of state, not of money: no transaction, so it dedupes on the event (see ADR 0016). */
    private static PaymentEvent subscriptionEvent(Context context, PaymentEventKind kind, Instant periodEnd) {
        JsonNode subscription = context.object();
        String subscriptionId = required(id(subscription.path("id"), "subscription id"), "subscription id");
        JsonNode item = subscription.path("items").path("data").path(0);
        String price = first(id(item.path("price").path("id"), "price"), id(item.path("plan").path("id"), "plan"));
        var purchaser = new PurchaserKeys(id(subscription.path("metadata").path(MEMBER_METADATA),
                "metadata.member_id"), null, customer(subscription), null);
        return context.event(kind, null, subscriptionId, price, 0,
                WebhookJson.currency(subscription.path("currency")), periodEnd, purchaser);
    }

    private static Reading refund(Context context) {
        JsonNode charge = context.object();
        long amount = required(integer(charge.path("amount"), "amount"), "amount");
        long refunded = required(integer(charge.path("amount_refunded"), "amount_refunded"), "amount_refunded");
        String currency = WebhookJson.currency(charge.path("currency"));
        if (!charge.path("refunded").asBoolean(false) || refunded != amount) {
            throw new WebhookJson.NotReadable("partial refund (" + refunded + " of " + amount + " "
                    + currency + "): a person decides what it takes back");
        }
        String chargeId = required(id(charge.path("id"), "charge id"), "charge id");
        // the payment intent is the one-time purchase's transaction (checkout.session.completed in payment mode)
        String transaction = first(id(charge.path("payment_intent"), "payment_intent"), chargeId);
        var purchaser = new PurchaserKeys(id(charge.path("metadata").path(MEMBER_METADATA), "metadata.member_id"),
                null, customer(charge), first(text(charge.path("billing_details").path("email")),
                text(charge.path("receipt_email"))));
        return new Reading.Normalized(context.event(PaymentEventKind.REFUNDED, transaction, null, null, refunded,
                currency, null, purchaser));
    }

    private static boolean cancelScheduled(JsonNode atPeriodEnd, JsonNode cancelAt) {
        return atPeriodEnd.asBoolean(false) || !(cancelAt.isMissingNode() || cancelAt.isNull());
    }

    private static Instant currentPeriodEnd(JsonNode subscription) {
        return first(epochSeconds(subscription.path("items").path("data").path(0).path("current_period_end"),
                "current_period_end"), epochSeconds(subscription.path("current_period_end"), "current_period_end"));
    }

    /** The customer id, whether Stripe sent the id or an expanded customer object. */
    private static String customer(JsonNode object) {
        JsonNode customer = object.path("customer");
        return customer.isObject() ? id(customer.path("id"), "customer") : id(customer, "customer");
    }

    private static String metadataPrice(JsonNode metadata) {
        for (String key : PRICE_METADATA) {
            String value = id(metadata.path(key), "metadata." + key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static <T> T first(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
