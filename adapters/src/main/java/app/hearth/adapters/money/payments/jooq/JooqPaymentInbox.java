package app.hearth.adapters.money.payments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_INBOX;

import app.hearth.adapters.shared.jooq.ProviderInbox;
import app.hearth.adapters.shared.jooq.generated.tables.records.PaymentInboxRecord;
import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentWebhooks;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Payment notifications in {@code payment_inbox}, a {@link ProviderInbox} unique on (provider, provider_event_id). */
@Component
public class JooqPaymentInbox implements PaymentInbox {

    private final ProviderInbox<PaymentInboxRecord> inbox;

    public JooqPaymentInbox(DSLContext sql) {
        this.inbox = new ProviderInbox<>(sql, PAYMENT_INBOX.OUTCOME, PAYMENT_INBOX.PROVIDER,
                PAYMENT_INBOX.PROVIDER_EVENT_ID);
    }

    @Override
    public boolean add(PaymentWebhooks.Notification notification, Instant receivedAt) {
        var row = key(notification.provider(), notification.providerEventId());
        row.setEventType(Texts.cut(notification.eventType(), 100));
        row.setEnvironment(Texts.cut(notification.environment(), 32));
        row.setPayload(notification.payload());
        row.setReceivedAt(receivedAt.atOffset(ZoneOffset.UTC));
        return inbox.add(row);
    }

    @Override
    public void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                       String detail) {
        var row = key(provider, providerEventId);
        row.setDedupeKey(dedupeKey);
        row.setDetail(Texts.cut(detail, 1000));
        inbox.settle(row, outcome.name());
    }

    private static PaymentInboxRecord key(String provider, String providerEventId) {
        var row = new PaymentInboxRecord();
        row.setProvider(provider);
        row.setProviderEventId(providerEventId);
        return row;
    }
}
