package app.hearth.adapters.money.payments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_INBOX;

import app.hearth.adapters.shared.jooq.ProviderInbox;
import app.hearth.adapters.shared.jooq.generated.tables.records.PaymentInboxRecord;
import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.domain.money.payments.PaymentEnvironment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Payment notifications in {@code payment_inbox}, a {@link ProviderInbox} unique on (provider, provider_event_id).
 * Recorded notifications of facts are claimed by the applier with {@code FOR UPDATE SKIP LOCKED}, in
 * {@code inbox_id} order, by one node at a time per environment: a transaction-scoped advisory lock is its turn
 * (ADR 0043).
 */
@Component
public class JooqPaymentInbox implements PaymentInbox {

    private static final String RECORDED = PaymentWebhooks.Outcome.RECORDED.name();

    private final DSLContext sql;
    private final ProviderInbox<PaymentInboxRecord> inbox;

    public JooqPaymentInbox(DSLContext sql) {
        this.sql = sql;
        this.inbox = new ProviderInbox<>(sql, PAYMENT_INBOX.OUTCOME, PAYMENT_INBOX.PROVIDER,
                PAYMENT_INBOX.PROVIDER_EVENT_ID);
    }

    @Override
    public boolean add(PaymentWebhooks.Notification notification, Instant receivedAt, PaymentWebhooks.Outcome outcome,
                       String detail, PaymentEnvironment appliesIn) {
        var row = key(notification.provider(), notification.providerEventId());
        row.setEventType(Texts.cut(notification.eventType(), 100));
        row.setEnvironment(Texts.cut(notification.environment(), 32));
        row.setPayload(notification.payload());
        row.setReceivedAt(receivedAt.atOffset(ZoneOffset.UTC));
        row.setAppliesIn(appliesIn.code());
        if (detail != null) {
            row.setDetail(Texts.cut(detail, 1000));
        }
        return inbox.add(row, outcome.name());
    }

    @Override
    public void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                       String detail, Instant appliedAt) {
        var row = key(provider, providerEventId);
        row.setDedupeKey(dedupeKey);
        row.setDetail(Texts.cut(detail, 1000));
        row.setAppliedAt(appliedAt.atOffset(ZoneOffset.UTC));
        inbox.settle(row, outcome.name());
    }

    @Override
    public List<Recorded> claimRecorded(PaymentEnvironment appliesIn, Instant now, int limit) {
        if (!turn(appliesIn)) {
            return List.of();
        }
        return sql.selectFrom(PAYMENT_INBOX)
                .where(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .and(PAYMENT_INBOX.APPLIES_IN.eq(appliesIn.code()))
                .and(PAYMENT_INBOX.APPLY_AFTER.isNull().or(PAYMENT_INBOX.APPLY_AFTER.le(now.atOffset(ZoneOffset.UTC))))
                .orderBy(PAYMENT_INBOX.INBOX_ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(JooqPaymentInbox::recorded);
    }

    @Override
    public Optional<Recorded> claimRecorded(PaymentEnvironment appliesIn, long inboxId) {
        if (!turn(appliesIn)) {
            return Optional.empty();
        }
        return sql.selectFrom(PAYMENT_INBOX)
                .where(PAYMENT_INBOX.INBOX_ID.eq(inboxId))
                .and(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .forUpdate().skipLocked()
                .fetchOptional(JooqPaymentInbox::recorded);
    }

    /** The applier's turn for the environment, until the caller's transaction ends; false when another has it. */
    private boolean turn(PaymentEnvironment appliesIn) {
        return Boolean.TRUE.equals(sql.select(DSL.field("pg_try_advisory_xact_lock(hashtextextended({0}, 31))",
                Boolean.class, DSL.val("payment-applier:" + appliesIn.code()))).fetchOne(0, Boolean.class));
    }

    @Override
    public void failed(long inboxId, String error, Instant retryAt) {
        sql.update(PAYMENT_INBOX)
                .set(PAYMENT_INBOX.ATTEMPTS, PAYMENT_INBOX.ATTEMPTS.plus(1))
                .set(PAYMENT_INBOX.LAST_ERROR, Texts.cut(error, 1000))
                .set(PAYMENT_INBOX.APPLY_AFTER, retryAt.atOffset(ZoneOffset.UTC))
                .where(PAYMENT_INBOX.INBOX_ID.eq(inboxId))
                .and(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .execute();
    }

    @Override
    public Lag lag(PaymentEnvironment appliesIn) {
        var unapplied = sql.select(DSL.count(), DSL.count().filterWhere(PAYMENT_INBOX.ATTEMPTS.gt(0)),
                        DSL.min(PAYMENT_INBOX.RECEIVED_AT))
                .from(PAYMENT_INBOX)
                .where(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .and(PAYMENT_INBOX.APPLIES_IN.eq(appliesIn.code()))
                .fetchOne();
        // the newest application, by the inbox's newest rows (applied ones are among them unless all lag)
        OffsetDateTime last = sql.select(DSL.max(DSL.field(DSL.name("recent", "applied_at"), OffsetDateTime.class)))
                .from(DSL.select(PAYMENT_INBOX.APPLIED_AT).from(PAYMENT_INBOX)
                        .where(PAYMENT_INBOX.APPLIED_AT.isNotNull())
                        .orderBy(PAYMENT_INBOX.INBOX_ID.desc()).limit(1000).asTable("recent"))
                .fetchOne(0, OffsetDateTime.class);
        return new Lag(unapplied.value1(), unapplied.value2(), instant(unapplied.value3()), instant(last));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Recorded recorded(PaymentInboxRecord row) {
        return new Recorded(row.getInboxId(), row.getProvider(), row.getProviderEventId(), row.getEventType(),
                row.getEnvironment(), row.getPayload(), row.getAttempts(), row.getReceivedAt().toInstant());
    }

    private static PaymentInboxRecord key(String provider, String providerEventId) {
        var row = new PaymentInboxRecord();
        row.setProvider(provider);
        row.setProviderEventId(providerEventId);
        return row;
    }
}
