package app.hearth.adapters.money.payments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_INBOX;

import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentWebhooks;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Notifications in {@code payment_inbox}, unique on (provider, provider_event_id): of two concurrent inserts of
 * one notification the second waits for the first to commit and then inserts nothing.
 */
@Component
public class JooqPaymentInbox implements PaymentInbox {

    /** The outcome of a row whose transaction has not settled it yet (never seen committed). */
    static final String RECEIVED = "RECEIVED";

    private final DSLContext sql;

    public JooqPaymentInbox(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(PaymentWebhooks.Notification notification, Instant receivedAt) {
        return sql.insertInto(PAYMENT_INBOX)
                .set(PAYMENT_INBOX.PROVIDER, notification.provider())
                .set(PAYMENT_INBOX.PROVIDER_EVENT_ID, notification.providerEventId())
                .set(PAYMENT_INBOX.EVENT_TYPE, Texts.cut(notification.eventType(), 100))
                .set(PAYMENT_INBOX.ENVIRONMENT, Texts.cut(notification.environment(), 32))
                .set(PAYMENT_INBOX.PAYLOAD, notification.payload())
                .set(PAYMENT_INBOX.RECEIVED_AT, receivedAt.atOffset(ZoneOffset.UTC))
                .set(PAYMENT_INBOX.OUTCOME, RECEIVED)
                .onConflict(PAYMENT_INBOX.PROVIDER, PAYMENT_INBOX.PROVIDER_EVENT_ID).doNothing()
                .execute() == 1;
    }

    @Override
    public void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                       String detail) {
        sql.update(PAYMENT_INBOX)
                .set(PAYMENT_INBOX.OUTCOME, outcome.name())
                .set(PAYMENT_INBOX.DEDUPE_KEY, dedupeKey)
                .set(PAYMENT_INBOX.DETAIL, Texts.cut(detail, 1000))
                .where(PAYMENT_INBOX.PROVIDER.eq(provider))
                .and(PAYMENT_INBOX.PROVIDER_EVENT_ID.eq(providerEventId))
                .execute();
    }
}
