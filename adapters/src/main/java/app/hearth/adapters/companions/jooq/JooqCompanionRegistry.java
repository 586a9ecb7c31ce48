package app.hearth.adapters.companions.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_LINE;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_PRESENCE;

import app.hearth.adapters.shared.jooq.generated.tables.records.CompanionRecord;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.domain.companions.CompanionProfile;
import app.hearth.domain.companions.CompanionSearch;
import app.hearth.domain.companions.CompanionStatus;
import app.hearth.domain.companions.Gender;
import app.hearth.domain.companions.PhotoUrl;
import app.hearth.domain.presence.PresenceState;
import app.hearth.domain.skills.SkillCategory;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Companions in the {@code companion} table; languages and skills are arrays with GIN indexes for the filters. */
@Component
public class JooqCompanionRegistry implements CompanionRegistry {

    /** Since when the companion's derived presence is AVAILABLE (adr/0053); null while it is not. */
    private static final Field<OffsetDateTime> AVAILABLE_SINCE = DSL.field(DSL.select(COMPANION_PRESENCE.STATE_SINCE)
            .from(COMPANION_PRESENCE)
            .where(COMPANION_PRESENCE.COMPANION_ID.eq(COMPANION.COMPANION_ID))
            .and(COMPANION_PRESENCE.STATE.eq(PresenceState.AVAILABLE.name()))).as("presence_available_since");

    private final DSLContext sql;

    public JooqCompanionRegistry(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Companion> find(String companionId) {
        return sql.select(COMPANION.asterisk(), AVAILABLE_SINCE).from(COMPANION)
                .where(COMPANION.COMPANION_ID.eq(companionId))
                .fetchOptional(JooqCompanionRegistry::companion);
    }

    @Override
    public Optional<Companion> lock(String companionId) {
        return sql.select(COMPANION.asterisk(), AVAILABLE_SINCE).from(COMPANION)
                .where(COMPANION.COMPANION_ID.eq(companionId)).forUpdate().of(COMPANION)
                .fetchOptional(JooqCompanionRegistry::companion);
    }

    @Override
    public boolean invite(String companionId, String displayName, String invitedBy, Instant at) {
        return sql.insertInto(COMPANION)
                .set(COMPANION.COMPANION_ID, companionId)
                .set(COMPANION.STATUS, CompanionStatus.INVITED.name())
                .set(COMPANION.DISPLAY_NAME, displayName)
                .set(COMPANION.LANGUAGES, new String[0])
                .set(COMPANION.SKILLS, new String[0])
                .set(COMPANION.INVITED_BY, invitedBy)
                .set(COMPANION.INVITED_AT, at.atOffset(ZoneOffset.UTC))
                .set(COMPANION.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(COMPANION.COMPANION_ID).doNothing()
                .execute() == 1;
    }

    @Override
    public void saveProfile(String companionId, CompanionProfile profile, CompanionStatus status, Instant at) {
        sql.update(COMPANION)
                .set(COMPANION.STATUS, status.name())
                .set(COMPANION.DISPLAY_NAME, profile.displayName())
                .set(COMPANION.BIO, profile.bio())
                .set(COMPANION.PHOTO_URL, profile.photo() == null ? null : profile.photo().toString())
                .set(COMPANION.LANGUAGES, profile.languages().stream().sorted().toArray(String[]::new))
                .set(COMPANION.GENDER, profile.gender().name())
                .set(COMPANION.BIRTH_YEAR, profile.birthYear())
                .set(COMPANION.SKILLS, profile.skills().stream().map(Enum::name).sorted().toArray(String[]::new))
                .set(COMPANION.YEARS_OF_EXPERIENCE, profile.yearsOfExperience())
                .set(COMPANION.TIME_ZONE, profile.timeZone().getId())
                .set(COMPANION.REGION, profile.region())
                .set(COMPANION.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(COMPANION.COMPANION_ID.eq(companionId))
                .execute();
    }

    @Override
    public void setStatus(String companionId, CompanionStatus status, Instant at) {
        sql.update(COMPANION).set(COMPANION.STATUS, status.name()).set(COMPANION.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(COMPANION.COMPANION_ID.eq(companionId)).execute();
    }

    @Override
    public void setTeam(String companionId, String teamId, Instant at) {
        sql.update(COMPANION).set(COMPANION.TEAM_ID, teamId).set(COMPANION.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(COMPANION.COMPANION_ID.eq(companionId)).execute();
    }

    @Override
    public List<Companion> search(Query query) {
        CompanionSearch search = query.search();
        var conditions = new ArrayList<Condition>();
        conditions.add(COMPANION.STATUS.eq(CompanionStatus.ACTIVE.name()));
        if (search.language() != null) {
            conditions.add(DSL.condition("{0} @> {1}", COMPANION.LANGUAGES,
                    DSL.val(new String[] {search.language()}, COMPANION.LANGUAGES.getDataType())));
        }
        if (search.skill() != null) {
            conditions.add(DSL.condition("{0} @> {1}", COMPANION.SKILLS,
                    DSL.val(new String[] {search.skill().name()}, COMPANION.SKILLS.getDataType())));
        }
        if (search.gender() != null) {
            conditions.add(COMPANION.GENDER.eq(search.gender().name()));
        }
        if (query.latestBirthYear() != null) {
            conditions.add(COMPANION.BIRTH_YEAR.le(query.latestBirthYear()));
        }
        if (query.earliestBirthYear() != null) {
            conditions.add(COMPANION.BIRTH_YEAR.ge(query.earliestBirthYear()));
        }
        if (search.minRating() != null) {
            conditions.add(COMPANION.RATING.ge(BigDecimal.valueOf(search.minRating())));
        }
        if (search.timeZone() != null) {
            conditions.add(COMPANION.TIME_ZONE.eq(search.timeZone().getId()));
        }
        if (search.region() != null) {
            conditions.add(DSL.lower(COMPANION.REGION).eq(search.region().toLowerCase(java.util.Locale.ROOT)));
        }
        if (Boolean.TRUE.equals(search.availableNow())) {
            // derived presence (adr/0053); a companion in a call is busy there already, and their line says so too
            conditions.add(DSL.exists(DSL.selectOne().from(COMPANION_PRESENCE)
                    .where(COMPANION_PRESENCE.COMPANION_ID.eq(COMPANION.COMPANION_ID))
                    .and(COMPANION_PRESENCE.STATE.eq(PresenceState.AVAILABLE.name()))));
            conditions.add(DSL.notExists(DSL.selectOne().from(CALL_LINE)
                    .where(CALL_LINE.USER_ID.eq(COMPANION.COMPANION_ID))));
        }
        if (query.afterId() != null) {
            conditions.add(COMPANION.COMPANION_ID.gt(query.afterId()));
        }
        return sql.select(COMPANION.asterisk(), AVAILABLE_SINCE).from(COMPANION).where(conditions)
                .orderBy(COMPANION.COMPANION_ID)
                .limit(query.limit())
                .fetch(JooqCompanionRegistry::companion);
    }

    @Override
    public List<String> inTeam(String teamId) {
        return sql.select(COMPANION.COMPANION_ID).from(COMPANION).where(COMPANION.TEAM_ID.eq(teamId))
                .orderBy(COMPANION.COMPANION_ID).fetch(COMPANION.COMPANION_ID);
    }

    private static Companion companion(org.jooq.Record record) {
        CompanionRecord row = record.into(COMPANION);
        OffsetDateTime availableSince = CompanionStatus.ACTIVE.name().equals(row.getStatus())
                ? record.get(AVAILABLE_SINCE) : null;
        CompanionProfile profile = row.getGender() == null ? null : new CompanionProfile(row.getDisplayName(),
                row.getBio(), row.getPhotoUrl() == null ? null : new PhotoUrl(URI.create(row.getPhotoUrl())),
                Set.of(row.getLanguages()), Gender.valueOf(row.getGender()), row.getBirthYear(),
                Arrays.stream(row.getSkills()).map(SkillCategory::valueOf).collect(Collectors.toSet()),
                row.getYearsOfExperience(), ZoneId.of(row.getTimeZone()));
        return new Companion(row.getCompanionId(), CompanionStatus.valueOf(row.getStatus()), row.getDisplayName(),
                profile, row.getTeamId(), row.getRating() == null ? null : row.getRating().doubleValue(),
                row.getRatingCount(), row.getInvitedBy(), row.getInvitedAt().toInstant(),
                row.getUpdatedAt().toInstant(),
                availableSince == null ? null : availableSince.toInstant());
    }
}
