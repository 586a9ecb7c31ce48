package app.hearth.adapters.persistence.payments;

import static app.hearth.adapters.persistence.jooq.Tables.PARKED_PAYMENT_EVENT;

import app.hearth.adapters.persistence.jooq.tables.records.ParkedPaymentEventRecord;
import app.hearth.application.money.payments.ParkedPaymentEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Parked events in {@code parked_payment_event}, one row per subject; parking again reopens and updates it. */
@Component
public class JooqParkedPaymentEvents implements ParkedPaymentEvents {

    private final DSLContext sql;

    public JooqParkedPaymentEvents(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void park(String subject, String dedupeKey, String provider, String providerEventId, String memberId,
                     String reason, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String why = Texts.cut(reason, 1000);
        sql.insertInto(PARKED_PAYMENT_EVENT)
                .set(PARKED_PAYMENT_EVENT.SUBJECT, subject)
                .set(PARKED_PAYMENT_EVENT.DEDUPE_KEY, dedupeKey)
                .set(PARKED_PAYMENT_EVENT.PROVIDER, provider)
                .set(PARKED_PAYMENT_EVENT.PROVIDER_EVENT_ID, providerEventId)
                .set(PARKED_PAYMENT_EVENT.MEMBER_ID, memberId)
                .set(PARKED_PAYMENT_EVENT.REASON, why)
                .set(PARKED_PAYMENT_EVENT.PARKED_AT, when)
                .onConflict(PARKED_PAYMENT_EVENT.SUBJECT).doUpdate()
                .set(PARKED_PAYMENT_EVENT.MEMBER_ID, memberId)
                .set(PARKED_PAYMENT_EVENT.REASON, why)
                .set(PARKED_PAYMENT_EVENT.PARKED_AT, when)
                .setNull(PARKED_PAYMENT_EVENT.RESOLVED_AT)
                .execute();
    }

    @Override
    public void resolve(String subject, Instant at) {
        sql.update(PARKED_PAYMENT_EVENT)
                .set(PARKED_PAYMENT_EVENT.RESOLVED_AT, at.atOffset(ZoneOffset.UTC))
                .where(PARKED_PAYMENT_EVENT.SUBJECT.eq(subject))
                .and(PARKED_PAYMENT_EVENT.RESOLVED_AT.isNull())
                .execute();
    }

    @Override
    public List<Parked> open(Long beforeParkedId, int limit) {
        return sql.selectFrom(PARKED_PAYMENT_EVENT)
                .where(PARKED_PAYMENT_EVENT.RESOLVED_AT.isNull())
                .and(beforeParkedId == null ? DSL.noCondition() : PARKED_PAYMENT_EVENT.PARKED_ID.lt(beforeParkedId))
                .orderBy(PARKED_PAYMENT_EVENT.PARKED_ID.desc())
                .limit(limit)
                .fetch(JooqParkedPaymentEvents::parked);
    }

    private static Parked parked(ParkedPaymentEventRecord row) {
        return new Parked(row.getParkedId(), row.getSubject(), row.getDedupeKey(), row.getProvider(),
                row.getProviderEventId(), row.getMemberId(), row.getReason(), row.getParkedAt().toInstant());
    }
}
