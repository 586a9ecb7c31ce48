package app.hearth.adapters.ratings.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CHAT_MESSAGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_RATING_REFRESH;
import static app.hearth.adapters.shared.jooq.generated.Tables.RATING;

import app.hearth.application.ratings.RatingStore;
import app.hearth.domain.ratings.CompanionRating;
import app.hearth.domain.ratings.Rating;
import app.hearth.domain.ratings.RatingSubject;
import app.hearth.domain.ratings.RatingTag;
import app.hearth.domain.ratings.Score;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Ratings as plain rows keyed by their subject (one per call or conversation-day), the companion's rating written to
 * their record, and the per-companion row whose lock serialises a companion's ratings and which says when their rating
 * is due to be computed again.
 */
@Component
public class JooqRatingStore implements RatingStore {

    private final DSLContext sql;

    public JooqRatingStore(DSLContext sql) {
        this.sql = sql;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void lockCompanion(String companionId) {
        sql.insertInto(COMPANION_RATING_REFRESH)
                .set(COMPANION_RATING_REFRESH.COMPANION_ID, companionId)
                .onConflict(COMPANION_RATING_REFRESH.COMPANION_ID)
                .doUpdate().set(COMPANION_RATING_REFRESH.COMPANION_ID, DSL.excluded(COMPANION_RATING_REFRESH.COMPANION_ID))
                .execute();
    }

    @Override
    public Optional<Rating> find(String subjectKey) {
        return sql.selectFrom(RATING).where(RATING.SUBJECT_KEY.eq(subjectKey)).fetchOptional(JooqRatingStore::rating);
    }

    @Override
    public boolean insert(Rating rating) {
        var subject = rating.subject();
        return sql.insertInto(RATING)
                .set(RATING.RATING_ID, rating.ratingId())
                .set(RATING.SUBJECT_KEY, subject.key())
                .set(RATING.SUBJECT_KIND, subject.kind())
                .set(RATING.CALL_ID, subject instanceof RatingSubject.Call call ? call.callId() : null)
                .set(RATING.CONVERSATION_ID, subject instanceof RatingSubject.ConversationDay day
                        ? day.conversationId() : null)
                .set(RATING.CONVERSATION_DAY, subject instanceof RatingSubject.ConversationDay day ? day.day() : null)
                .set(RATING.MEMBER_ID, rating.memberId())
                .set(RATING.COMPANION_ID, rating.companionId())
                .set(RATING.SCORE, rating.score().stars())
                .set(RATING.TAGS, tags(rating.tags()))
                .set(RATING.GIVEN_AT, utc(rating.givenAt()))
                .set(RATING.CHANGED_AT, utc(rating.changedAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void update(Rating rating) {
        sql.update(RATING)
                .set(RATING.SCORE, rating.score().stars())
                .set(RATING.TAGS, tags(rating.tags()))
                .set(RATING.CHANGED_AT, utc(rating.changedAt()))
                .where(RATING.RATING_ID.eq(rating.ratingId()))
                .execute();
    }

    @Override
    public List<InWindow> givenSince(String companionId, Instant since) {
        return sql.select(RATING.SCORE, RATING.TAGS, RATING.GIVEN_AT).from(RATING)
                .where(RATING.COMPANION_ID.eq(companionId)).and(RATING.GIVEN_AT.gt(utc(since)))
                .fetch(row -> new InWindow(row.value1(), tags(row.value2()), row.value3().toInstant()));
    }

    @Override
    public void saveCompanionRating(String companionId, CompanionRating rating) {
        sql.update(COMPANION)
                .set(COMPANION.RATING, rating.hundredths() == null ? null : BigDecimal.valueOf(rating.hundredths(), 2))
                .set(COMPANION.RATING_COUNT, rating.count())
                .where(COMPANION.COMPANION_ID.eq(companionId))
                .execute();
        sql.update(COMPANION_RATING_REFRESH)
                .set(COMPANION_RATING_REFRESH.DUE_AT, utc(rating.nextChangeAt()))
                .where(COMPANION_RATING_REFRESH.COMPANION_ID.eq(companionId))
                .execute();
    }

    @Override
    public List<String> lockDue(Instant now, int limit) {
        return sql.select(COMPANION_RATING_REFRESH.COMPANION_ID).from(COMPANION_RATING_REFRESH)
                .where(COMPANION_RATING_REFRESH.DUE_AT.le(utc(now)))
                .orderBy(COMPANION_RATING_REFRESH.DUE_AT)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(COMPANION_RATING_REFRESH.COMPANION_ID);
    }

    @Override
    public boolean bothWrote(String conversationId, Instant from, Instant to) {
        var onTheDay = CHAT_MESSAGE.CONVERSATION_ID.eq(conversationId)
                .and(CHAT_MESSAGE.SENT_AT.ge(utc(from))).and(CHAT_MESSAGE.SENT_AT.lt(utc(to)));
        return sql.fetchExists(CHAT_MESSAGE, onTheDay.and(CHAT_MESSAGE.SENDER_ROLE.eq("member")))
                && sql.fetchExists(CHAT_MESSAGE, onTheDay.and(CHAT_MESSAGE.SENDER_ROLE.eq("companion")));
    }

    private static String[] tags(Set<RatingTag> tags) {
        return tags.stream().map(RatingTag::wire).sorted().toArray(String[]::new);
    }

    private static Set<RatingTag> tags(String[] wire) {
        return wire == null ? Set.of() : Arrays.stream(wire).map(RatingTag::parse).collect(Collectors.toSet());
    }

    private static Rating rating(Record row) {
        RatingSubject subject = row.get(RATING.SUBJECT_KIND).equals("CALL")
                ? new RatingSubject.Call(row.get(RATING.CALL_ID))
                : new RatingSubject.ConversationDay(row.get(RATING.CONVERSATION_ID), row.get(RATING.CONVERSATION_DAY));
        return new Rating(row.get(RATING.RATING_ID), subject, row.get(RATING.MEMBER_ID), row.get(RATING.COMPANION_ID),
                new Score(row.get(RATING.SCORE)), tags(row.get(RATING.TAGS)), row.get(RATING.GIVEN_AT).toInstant(),
                row.get(RATING.CHANGED_AT).toInstant());
    }
}
