package app.hearth.adapters.money.payments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PARKED_PAYMENT_EVENT;
import static app.hearth.adapters.shared.jooq.generated.Tables.PAYMENT_INBOX;

import app.hearth.adapters.shared.jooq.generated.tables.records.ParkedPaymentEventRecord;
import app.hearth.application.money.payments.ParkedPaymentEvents;
import app.hearth.domain.money.payments.PaymentEnvironment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
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
        // the environment is the notification's, as its inbox row says (ADR 0032)
        return sql.select(PARKED_PAYMENT_EVENT.asterisk(), PAYMENT_INBOX.ENVIRONMENT)
                .from(PARKED_PAYMENT_EVENT)
                .leftJoin(PAYMENT_INBOX).on(PAYMENT_INBOX.PROVIDER.eq(PARKED_PAYMENT_EVENT.PROVIDER)
                        .and(PAYMENT_INBOX.PROVIDER_EVENT_ID.eq(PARKED_PAYMENT_EVENT.PROVIDER_EVENT_ID)))
                .where(PARKED_PAYMENT_EVENT.RESOLVED_AT.isNull())
                .and(beforeParkedId == null ? DSL.noCondition() : PARKED_PAYMENT_EVENT.PARKED_ID.lt(beforeParkedId))
                .orderBy(PARKED_PAYMENT_EVENT.PARKED_ID.desc())
                .limit(limit)
                .fetch(JooqParkedPaymentEvents::parked);
    }

    private static Parked parked(Record record) {
        ParkedPaymentEventRecord row = record.into(PARKED_PAYMENT_EVENT);
        String said = record.get(PAYMENT_INBOX.ENVIRONMENT);
        return new Parked(row.getParkedId(), row.getSubject(), row.getDedupeKey(), row.getProvider(),
                row.getProviderEventId(), row.getMemberId(), row.getReason(), row.getParkedAt().toInstant(),
                said == null ? null : PaymentEnvironment.ofProvider(said));
    }
}
