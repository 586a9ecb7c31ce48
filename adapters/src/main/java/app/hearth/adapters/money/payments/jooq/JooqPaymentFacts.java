package app.hearth.adapters.money.payments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PARKED_PAYMENT_EVENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_FACT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_INBOX;

import app.hearth.adapters.shared.jooq.generated.tables.records.PaymentFactRecord;
import app.hearth.application.money.payments.PaymentFacts;
import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Facts in {@code payment_fact}, unique on the dedupe key; the first report's event, gaps filled by later ones. */
@Component
public class JooqPaymentFacts implements PaymentFacts {

    private final DSLContext sql;

    public JooqPaymentFacts(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(PaymentEvent event, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return sql.insertInto(PAYMENT_FACT)
                .set(PAYMENT_FACT.DEDUPE_KEY, event.dedupeKey())
                .set(PAYMENT_FACT.PROVIDER, event.provider())
                .set(PAYMENT_FACT.PROVIDER_EVENT_ID, event.providerEventId())
                .set(PAYMENT_FACT.KIND, event.kind().name())
                .set(PAYMENT_FACT.STORE, event.store().name())
                .set(PAYMENT_FACT.TRANSACTION_ID, event.transactionId())
                .set(PAYMENT_FACT.ORIGINAL_TRANSACTION_ID, event.originalTransactionId())
                .set(PAYMENT_FACT.PRODUCT_REF, event.productRef())
                .set(PAYMENT_FACT.AMOUNT_CENTS, event.amountCents())
                .set(PAYMENT_FACT.CURRENCY, event.currency())
                .set(PAYMENT_FACT.OCCURRED_AT, event.occurredAt().atOffset(ZoneOffset.UTC))
                .set(PAYMENT_FACT.PERIOD_END, utc(event.periodEnd()))
                .set(PAYMENT_FACT.PURCHASER_MEMBER_ID, event.purchaser().memberId())
                .set(PAYMENT_FACT.ADAPTY_PROFILE_ID, event.purchaser().adaptyProfileId())
                .set(PAYMENT_FACT.STRIPE_CUSTOMER_ID, event.purchaser().stripeCustomerId())
                .set(PAYMENT_FACT.EMAIL, event.purchaser().email())
                .set(PAYMENT_FACT.STATUS, Status.PENDING.name())
                .set(PAYMENT_FACT.REPORTS, 1)
                .set(PAYMENT_FACT.HANDED_ON, 0)
                .set(PAYMENT_FACT.RECORDED_AT, when)
                .set(PAYMENT_FACT.UPDATED_AT, when)
                .onConflict(PAYMENT_FACT.DEDUPE_KEY).doNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Fact> find(String dedupeKey) {
        return sql.selectFrom(PAYMENT_FACT).where(PAYMENT_FACT.DEDUPE_KEY.eq(dedupeKey))
                .fetchOptional(JooqPaymentFacts::fact);
    }

    /**
     * A transaction-scoped advisory lock per name, taken in one order (sorted) so that no two callers deadlock, in
     * one statement (the subquery's order is the order they are taken in; {@code offset 0} keeps it a subquery).
     */
    @Override
    public void meet(Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        if (names.size() == 1) {
            sql.select(DSL.field("pg_advisory_xact_lock(hashtextextended({0}, 31))", Object.class,
                    DSL.val(names.iterator().next()))).fetch();
            return;
        }
        sql.resultQuery("select count(pg_advisory_xact_lock(hashtextextended(n, 31))) from "
                + "(select n from unnest(cast({0} as text[])) as t(n) order by n collate \"C\" offset 0) as sorted",
                DSL.val(new TreeSet<>(names).toArray(String[]::new))).fetch();
    }

    @Override
    public List<Fact> named(Store store, Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return sql.selectFrom(PAYMENT_FACT)
                .where(PAYMENT_FACT.STORE.eq(store.name()))
                .and(PAYMENT_FACT.TRANSACTION_ID.in(names).or(PAYMENT_FACT.ORIGINAL_TRANSACTION_ID.in(names)))
                .orderBy(PAYMENT_FACT.FACT_ID)
                .fetch(JooqPaymentFacts::fact);
    }

    @Override
    public void hold(String dedupeKey, String memberId, Status status, String reason, Instant at) {
        sql.update(PAYMENT_FACT)
                .set(PAYMENT_FACT.MEMBER_ID, memberId)
                .set(PAYMENT_FACT.STATUS, status.name())
                .set(PAYMENT_FACT.REASON, Texts.cut(reason, 1000))
                .set(PAYMENT_FACT.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(PAYMENT_FACT.DEDUPE_KEY.eq(dedupeKey))
                .execute();
    }

    @Override
    public List<Fact> waitingUnparked(Instant recordedBefore, int limit) {
        return sql.selectFrom(PAYMENT_FACT)
                .where(PAYMENT_FACT.STATUS.in(Status.AWAITING_PURCHASE.name(),
                        Status.AWAITING_SUBSCRIPTION_START.name()))
                .and(PAYMENT_FACT.RECORDED_AT.lt(recordedBefore.atOffset(ZoneOffset.UTC)))
                .andNotExists(DSL.selectOne().from(PARKED_PAYMENT_EVENT)
                        .where(PARKED_PAYMENT_EVENT.SUBJECT.eq(PAYMENT_FACT.DEDUPE_KEY))
                        .and(PARKED_PAYMENT_EVENT.RESOLVED_AT.isNull()))
                .orderBy(PAYMENT_FACT.FACT_ID)
                .limit(limit)
                .fetch(JooqPaymentFacts::fact);
    }

    @Override
    public Optional<Fact> lock(String dedupeKey) {
        return sql.selectFrom(PAYMENT_FACT).where(PAYMENT_FACT.DEDUPE_KEY.eq(dedupeKey)).forUpdate()
                .fetchOptional(JooqPaymentFacts::fact);
    }

    @Override
    public void reported(String dedupeKey, PaymentEvent merged, Instant at) {
        sql.update(PAYMENT_FACT)
                .set(PAYMENT_FACT.REPORTS, PAYMENT_FACT.REPORTS.plus(1))
                .set(PAYMENT_FACT.ORIGINAL_TRANSACTION_ID, merged.originalTransactionId())
                .set(PAYMENT_FACT.PRODUCT_REF, merged.productRef())
                .set(PAYMENT_FACT.AMOUNT_CENTS, merged.amountCents())
                .set(PAYMENT_FACT.CURRENCY, merged.currency())
                .set(PAYMENT_FACT.PERIOD_END, utc(merged.periodEnd()))
                .set(PAYMENT_FACT.PURCHASER_MEMBER_ID, merged.purchaser().memberId())
                .set(PAYMENT_FACT.ADAPTY_PROFILE_ID, merged.purchaser().adaptyProfileId())
                .set(PAYMENT_FACT.STRIPE_CUSTOMER_ID, merged.purchaser().stripeCustomerId())
                .set(PAYMENT_FACT.EMAIL, merged.purchaser().email())
                .set(PAYMENT_FACT.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(PAYMENT_FACT.DEDUPE_KEY.eq(dedupeKey))
                .execute();
    }

    @Override
    public void settle(String dedupeKey, String memberId, Status status, String reason, Instant at) {
        sql.update(PAYMENT_FACT)
                .set(PAYMENT_FACT.HANDED_ON, PAYMENT_FACT.HANDED_ON.plus(1))
                .set(PAYMENT_FACT.MEMBER_ID, memberId)
                .set(PAYMENT_FACT.STATUS, status.name())
                .set(PAYMENT_FACT.REASON, Texts.cut(reason, 1000))
                .set(PAYMENT_FACT.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(PAYMENT_FACT.DEDUPE_KEY.eq(dedupeKey))
                .execute();
    }

    @Override
    public List<Fact> ofMember(String memberId, Long beforeFactId, int limit) {
        Condition member = PAYMENT_FACT.MEMBER_ID.eq(memberId).or(PAYMENT_FACT.PURCHASER_MEMBER_ID.eq(memberId));
        // the environment is the first report's, as its inbox row says (ADR 0032)
        return sql.select(PAYMENT_FACT.asterisk(), PAYMENT_INBOX.ENVIRONMENT)
                .from(PAYMENT_FACT)
                .leftJoin(PAYMENT_INBOX).on(PAYMENT_INBOX.PROVIDER.eq(PAYMENT_FACT.PROVIDER)
                        .and(PAYMENT_INBOX.PROVIDER_EVENT_ID.eq(PAYMENT_FACT.PROVIDER_EVENT_ID)))
                .where(member)
                .and(beforeFactId == null ? DSL.noCondition() : PAYMENT_FACT.FACT_ID.lt(beforeFactId))
                .orderBy(PAYMENT_FACT.FACT_ID.desc())
                .limit(limit)
                .fetch(JooqPaymentFacts::withEnvironment);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Fact withEnvironment(Record row) {
        Fact fact = fact(row.into(PAYMENT_FACT));
        String said = row.get(PAYMENT_INBOX.ENVIRONMENT);
        return new Fact(fact.factId(), fact.event(), fact.memberId(), fact.status(), fact.reason(), fact.reports(),
                fact.handedOn(), fact.recordedAt(), fact.updatedAt(),
                said == null ? null : PaymentEnvironment.ofProvider(said));
    }

    static Fact fact(PaymentFactRecord row) {
        var event = new PaymentEvent(row.getProvider(), row.getProviderEventId(),
                PaymentEventKind.valueOf(row.getKind()), Store.valueOf(row.getStore()), row.getTransactionId(),
                row.getOriginalTransactionId(), row.getProductRef(), row.getAmountCents(), row.getCurrency(),
                row.getOccurredAt().toInstant(), instant(row.getPeriodEnd()),
                new PurchaserKeys(row.getPurchaserMemberId(), row.getAdaptyProfileId(), row.getStripeCustomerId(),
                        row.getEmail()));
        return new Fact(row.getFactId(), event, row.getMemberId(), Status.valueOf(row.getStatus()), row.getReason(),
                row.getReports(), row.getHandedOn(), row.getRecordedAt().toInstant(), row.getUpdatedAt().toInstant());
    }
}
