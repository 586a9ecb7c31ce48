package app.hearth.adapters.companions.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.FAVORITE_COMPANION;

import app.hearth.adapters.shared.jooq.generated.tables.records.FavoriteCompanionRecord;
import app.hearth.application.companions.FavoriteRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Favorites in the {@code favorite_companion} table, keyed by (member, companion). */
@Component
public class JooqFavoriteRegistry implements FavoriteRegistry {

    private final DSLContext sql;

    public JooqFavoriteRegistry(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(String memberId, String companionId, Instant at) {
        return sql.insertInto(FAVORITE_COMPANION)
                .set(FAVORITE_COMPANION.MEMBER_ID, memberId).set(FAVORITE_COMPANION.COMPANION_ID, companionId)
                .set(FAVORITE_COMPANION.FAVORITED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing().execute() == 1;
    }

    @Override
    public boolean remove(String memberId, String companionId) {
        return sql.deleteFrom(FAVORITE_COMPANION).where(FAVORITE_COMPANION.MEMBER_ID.eq(memberId),
                FAVORITE_COMPANION.COMPANION_ID.eq(companionId)).execute() == 1;
    }

    @Override
    public Optional<Favorite> find(String memberId, String companionId) {
        return sql.selectFrom(FAVORITE_COMPANION).where(FAVORITE_COMPANION.MEMBER_ID.eq(memberId),
                FAVORITE_COMPANION.COMPANION_ID.eq(companionId)).fetchOptional(JooqFavoriteRegistry::favorite);
    }

    @Override
    public int countLocked(String memberId) {
        // one member's additions queue here, so two at once cannot both pass the limit
        sql.select(DSL.field("pg_advisory_xact_lock(hashtextextended({0}, 0))", Object.class,
                DSL.val("favorites:" + memberId))).fetch();
        return sql.fetchCount(FAVORITE_COMPANION, FAVORITE_COMPANION.MEMBER_ID.eq(memberId));
    }

    @Override
    public List<Favorite> list(String memberId, Favorite before, int limit) {
        var condition = FAVORITE_COMPANION.MEMBER_ID.eq(memberId);
        if (before != null) {
            condition = condition.and(DSL.row(FAVORITE_COMPANION.FAVORITED_AT, FAVORITE_COMPANION.COMPANION_ID)
                    .lt(before.favoritedAt().atOffset(ZoneOffset.UTC), before.companionId()));
        }
        return sql.selectFrom(FAVORITE_COMPANION).where(condition)
                .orderBy(FAVORITE_COMPANION.FAVORITED_AT.desc(), FAVORITE_COMPANION.COMPANION_ID.desc())
                .limit(limit).fetch(JooqFavoriteRegistry::favorite);
    }

    @Override
    public List<String> companionIds(String memberId) {
        return sql.select(FAVORITE_COMPANION.COMPANION_ID).from(FAVORITE_COMPANION)
                .where(FAVORITE_COMPANION.MEMBER_ID.eq(memberId))
                .orderBy(FAVORITE_COMPANION.FAVORITED_AT.desc(), FAVORITE_COMPANION.COMPANION_ID.desc())
                .fetch(FAVORITE_COMPANION.COMPANION_ID);
    }

    @Override
    public int removeAll(String memberId) {
        return sql.deleteFrom(FAVORITE_COMPANION).where(FAVORITE_COMPANION.MEMBER_ID.eq(memberId)).execute();
    }

    private static Favorite favorite(FavoriteCompanionRecord row) {
        return new Favorite(row.getMemberId(), row.getCompanionId(), row.getFavoritedAt().toInstant());
    }
}
