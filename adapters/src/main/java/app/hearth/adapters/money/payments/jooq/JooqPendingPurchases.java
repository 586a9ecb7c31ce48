package app.hearth.adapters.money.payments.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.PENDING_PURCHASE;

import app.hearth.adapters.shared.jooq.generated.tables.records.PendingPurchaseRecord;
import app.hearth.application.money.payments.PendingPurchases;
import app.hearth.domain.money.payments.PurchaserKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Pending purchases in {@code pending_purchase}; a claim is one conditional update on {@code claimed_by}. */
@Component
public class JooqPendingPurchases implements PendingPurchases {

    private final DSLContext sql;

    public JooqPendingPurchases(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void add(String dedupeKey, PurchaserKeys keys, Instant at) {
        sql.insertInto(PENDING_PURCHASE)
                .set(PENDING_PURCHASE.DEDUPE_KEY, dedupeKey)
                .set(PENDING_PURCHASE.MEMBER_ID, keys.memberId())
                .set(PENDING_PURCHASE.ADAPTY_PROFILE_ID, keys.adaptyProfileId())
                .set(PENDING_PURCHASE.STRIPE_CUSTOMER_ID, keys.stripeCustomerId())
                .set(PENDING_PURCHASE.EMAIL, keys.email())
                .set(PENDING_PURCHASE.CREATED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(PENDING_PURCHASE.DEDUPE_KEY).doNothing()
                .execute();
    }

    @Override
    public void rekey(String dedupeKey, PurchaserKeys keys) {
        sql.update(PENDING_PURCHASE)
                .set(PENDING_PURCHASE.MEMBER_ID, keys.memberId())
                .set(PENDING_PURCHASE.ADAPTY_PROFILE_ID, keys.adaptyProfileId())
                .set(PENDING_PURCHASE.STRIPE_CUSTOMER_ID, keys.stripeCustomerId())
                .set(PENDING_PURCHASE.EMAIL, keys.email())
                .where(PENDING_PURCHASE.DEDUPE_KEY.eq(dedupeKey))
                .and(PENDING_PURCHASE.CLAIMED_BY.isNull())
                .execute();
    }

    @Override
    public Optional<Pending> unclaimedOf(String dedupeKey) {
        return sql.selectFrom(PENDING_PURCHASE)
                .where(PENDING_PURCHASE.DEDUPE_KEY.eq(dedupeKey))
                .and(PENDING_PURCHASE.CLAIMED_BY.isNull())
                .fetchOptional(JooqPendingPurchases::pending);
    }

    @Override
    public List<Pending> unclaimedWith(ClaimKey key, String value) {
        TableField<PendingPurchaseRecord, String> column = switch (key) {
            case MEMBER_ID -> PENDING_PURCHASE.MEMBER_ID;
            case ADAPTY_PROFILE_ID -> PENDING_PURCHASE.ADAPTY_PROFILE_ID;
            case STRIPE_CUSTOMER_ID -> PENDING_PURCHASE.STRIPE_CUSTOMER_ID;
            case REPORT -> null;
        };
        if (column == null) {
            return List.of();
        }
        return sql.selectFrom(PENDING_PURCHASE)
                .where(column.eq(value))
                .and(PENDING_PURCHASE.CLAIMED_BY.isNull())
                .orderBy(PENDING_PURCHASE.PENDING_ID)
                .fetch(JooqPendingPurchases::pending);
    }

    @Override
    public boolean claim(long pendingId, String memberId, ClaimKey with, Instant at) {
        return sql.update(PENDING_PURCHASE)
                .set(PENDING_PURCHASE.CLAIMED_BY, memberId)
                .set(PENDING_PURCHASE.CLAIMED_AT, at.atOffset(ZoneOffset.UTC))
                .set(PENDING_PURCHASE.CLAIMED_WITH, with.code())
                .where(PENDING_PURCHASE.PENDING_ID.eq(pendingId))
                .and(PENDING_PURCHASE.CLAIMED_BY.isNull())
                .execute() == 1;
    }

    @Override
    public List<Pending> unclaimedBefore(Instant before, Long afterPendingId, int limit) {
        return sql.selectFrom(PENDING_PURCHASE)
                .where(PENDING_PURCHASE.CLAIMED_BY.isNull())
                .and(PENDING_PURCHASE.CREATED_AT.lt(before.atOffset(ZoneOffset.UTC)))
                .and(afterPendingId == null ? DSL.noCondition() : PENDING_PURCHASE.PENDING_ID.gt(afterPendingId))
                .orderBy(PENDING_PURCHASE.PENDING_ID)
                .limit(limit)
                .fetch(JooqPendingPurchases::pending);
    }

    private static Pending pending(PendingPurchaseRecord row) {
        return new Pending(row.getPendingId(), row.getDedupeKey(), new PurchaserKeys(row.getMemberId(),
                row.getAdaptyProfileId(), row.getStripeCustomerId(), row.getEmail()), row.getCreatedAt().toInstant(),
                row.getClaimedBy(), row.getClaimedAt() == null ? null : row.getClaimedAt().toInstant(),
                row.getClaimedWith());
    }
}
