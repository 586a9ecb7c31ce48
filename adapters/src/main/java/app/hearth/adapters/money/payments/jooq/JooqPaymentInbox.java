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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Payment notifications in {@code payment_inbox}, a {@link ProviderInbox} unique on (provider, provider_event_id).
 * Recorded notifications of facts are claimed by the appliers with {@code FOR UPDATE SKIP LOCKED}, in
 * {@code inbox_id} order. Each carries its fact's order key ({@code apply_key}); the key's slot
 * ({@code hashtext(apply_key) & 63}, one slot for rows without a key) is applied by one transaction at a time on
 * any node: a transaction-scoped advisory lock per slot is its turn, taken with a shared lock on the environment's
 * one applier turn of before (so a node of the previous version, which takes that one exclusively, never applies
 * beside these; ADR 0043).
 */
@Component
public class JooqPaymentInbox implements PaymentInbox {

    private static final String RECORDED = PaymentWebhooks.Outcome.RECORDED.name();
    /** How many slots the order keys are spread over: at most this many appliers side by side. */
    static final int SLOTS = 64;
    /** A recorded row's slot, as SQL. */
    private static final String SLOT = "(hashtext(coalesce(apply_key, '')) & " + (SLOTS - 1) + ")";

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
        if (notification.reading() instanceof PaymentWebhooks.Reading.Normalized normalized) {
            row.setApplyKey(Texts.cut(normalized.event().orderKey(), 300));
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
    public void settle(List<Settlement> settlements) {
        if (settlements.isEmpty()) {
            return;
        }
        int size = settlements.size();
        String[] providers = new String[size];
        String[] eventIds = new String[size];
        String[] outcomes = new String[size];
        String[] dedupeKeys = new String[size];
        String[] details = new String[size];
        String[] appliedAt = new String[size];
        for (int i = 0; i < size; i++) {
            Settlement settled = settlements.get(i);
            providers[i] = settled.provider();
            eventIds[i] = settled.providerEventId();
            outcomes[i] = settled.outcome().name();
            dedupeKeys[i] = settled.dedupeKey();
            details[i] = Texts.cut(settled.detail(), 1000);
            appliedAt[i] = settled.appliedAt().atOffset(ZoneOffset.UTC).toString();
        }
        sql.execute("update payment_inbox p set outcome = v.outcome, dedupe_key = v.dedupe_key, detail = v.detail, "
                        + "applied_at = v.applied_at::timestamptz from unnest(cast({0} as text[]), cast({1} as text[]), "
                        + "cast({2} as text[]), cast({3} as text[]), cast({4} as text[]), cast({5} as text[])) "
                        + "as v(provider, provider_event_id, outcome, dedupe_key, detail, applied_at) "
                        + "where p.provider = v.provider and p.provider_event_id = v.provider_event_id",
                DSL.val(providers), DSL.val(eventIds), DSL.val(outcomes), DSL.val(dedupeKeys), DSL.val(details),
                DSL.val(appliedAt));
    }

    @Override
    public List<Recorded> claimRecorded(PaymentEnvironment appliesIn, Share share, Instant now, int limit) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = share.index(); slot < SLOTS; slot += share.count()) {
            slots.add(slot);
        }
        Integer[] mine = turns(appliesIn, slots);
        if (mine.length == 0) {
            return List.of();
        }
        return sql.selectFrom(PAYMENT_INBOX)
                .where(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .and(PAYMENT_INBOX.APPLIES_IN.eq(appliesIn.code()))
                .and(PAYMENT_INBOX.APPLY_AFTER.isNull().or(PAYMENT_INBOX.APPLY_AFTER.le(now.atOffset(ZoneOffset.UTC))))
                .and(mine.length == SLOTS ? DSL.noCondition()
                        : DSL.condition(SLOT + " = any(cast({0} as int[]))", DSL.val(mine)))
                .orderBy(PAYMENT_INBOX.INBOX_ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(JooqPaymentInbox::recorded);
    }

    @Override
    public Optional<Recorded> claimRecorded(PaymentEnvironment appliesIn, long inboxId) {
        Integer slot = sql.select(DSL.field(SLOT, Integer.class)).from(PAYMENT_INBOX)
                .where(PAYMENT_INBOX.INBOX_ID.eq(inboxId))
                .and(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .fetchOne(0, Integer.class);
        if (slot == null || turns(appliesIn, List.of(slot)).length == 0) {
            return Optional.empty();
        }
        return sql.selectFrom(PAYMENT_INBOX)
                .where(PAYMENT_INBOX.INBOX_ID.eq(inboxId))
                .and(PAYMENT_INBOX.OUTCOME.eq(RECORDED))
                .forUpdate().skipLocked()
                .fetchOptional(JooqPaymentInbox::recorded);
    }

    /**
     * The turns of {@code slots} this transaction got, until it ends: those no other transaction holds, none while
     * a node of the previous version holds the environment's single turn (exclusively; these take it shared).
     */
    private Integer[] turns(PaymentEnvironment appliesIn, List<Integer> slots) {
        String environment = "payment-applier:" + appliesIn.code();
        return sql.resultQuery("select s from unnest(cast({0} as int[])) as t(s) "
                        + "where pg_try_advisory_xact_lock_shared(hashtextextended({1}, 31)) "
                        + "and pg_try_advisory_xact_lock(hashtextextended({2} || s, 31)) order by s",
                DSL.val(slots.toArray(Integer[]::new)), DSL.val(environment), DSL.val(environment + ":slot:"))
                .fetchArray(0, Integer.class);
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
