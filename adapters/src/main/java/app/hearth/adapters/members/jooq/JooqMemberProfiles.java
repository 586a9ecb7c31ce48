package app.hearth.adapters.members.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.MEMBER_PROFILE;
import static app.hearth.adapters.shared.jooq.generated.Tables.NOTIFICATION_SETTINGS;

import app.hearth.adapters.shared.jooq.generated.tables.records.MemberProfileRecord;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.members.Members;
import app.hearth.domain.members.MemberProfile;
import app.hearth.domain.skills.SkillCategory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Profiles in {@code member_profile}; languages and interests as comma-separated codes (none contain a comma). The
 * push preview setting is the user's notification setting, in {@code notification_settings} (adr/0049).
 */
@Component
public class JooqMemberProfiles implements MemberProfiles {

    private final DSLContext sql;

    public JooqMemberProfiles(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Members.Profile> find(String userId) {
        return sql.select(MEMBER_PROFILE.asterisk(), NOTIFICATION_SETTINGS.PUSH_PREVIEW).from(MEMBER_PROFILE)
                .leftJoin(NOTIFICATION_SETTINGS).on(NOTIFICATION_SETTINGS.USER_ID.eq(MEMBER_PROFILE.USER_ID))
                .where(MEMBER_PROFILE.USER_ID.eq(userId))
                .fetchOptional(JooqMemberProfiles::profile);
    }

    @Override
    public Optional<TimeZoneSetting> timeZone(String userId) {
        return sql.select(MEMBER_PROFILE.TIME_ZONE, MEMBER_PROFILE.UPDATED_AT).from(MEMBER_PROFILE)
                .where(MEMBER_PROFILE.USER_ID.eq(userId))
                .fetchOptional(row -> new TimeZoneSetting(row.value1(), row.value2().toInstant()));
    }

    @Override
    public boolean save(String userId, MemberProfile profile, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String languages = String.join(",", profile.languages());
        String interests = profile.interests().stream().map(Enum::name).collect(Collectors.joining(","));
        sql.insertInto(NOTIFICATION_SETTINGS)
                .set(NOTIFICATION_SETTINGS.USER_ID, userId)
                .set(NOTIFICATION_SETTINGS.PUSH_PREVIEW, profile.pushPreview())
                .set(NOTIFICATION_SETTINGS.UPDATED_AT, when)
                .onConflict(NOTIFICATION_SETTINGS.USER_ID).doUpdate()
                .set(NOTIFICATION_SETTINGS.PUSH_PREVIEW, profile.pushPreview())
                .set(NOTIFICATION_SETTINGS.UPDATED_AT, when)
                .where(NOTIFICATION_SETTINGS.PUSH_PREVIEW.ne(profile.pushPreview()))
                .execute();
        // xmax = 0 only on a row this statement inserted (PostgreSQL): tells a create from a replace
        return sql.insertInto(MEMBER_PROFILE)
                .set(MEMBER_PROFILE.USER_ID, userId)
                .set(MEMBER_PROFILE.DISPLAY_NAME, profile.displayName())
                .set(MEMBER_PROFILE.BIRTH_YEAR, profile.birthYear())
                .set(MEMBER_PROFILE.LANGUAGES, languages)
                .set(MEMBER_PROFILE.TIME_ZONE, profile.timeZone())
                .set(MEMBER_PROFILE.INTERESTS, interests)
                .set(MEMBER_PROFILE.CONTACT_EMAIL, profile.contactEmail())
                .set(MEMBER_PROFILE.SEND_READ_RECEIPTS, profile.sendReadReceipts())
                .set(MEMBER_PROFILE.CREATED_AT, when)
                .set(MEMBER_PROFILE.UPDATED_AT, when)
                .onConflict(MEMBER_PROFILE.USER_ID).doUpdate()
                .set(MEMBER_PROFILE.DISPLAY_NAME, profile.displayName())
                .set(MEMBER_PROFILE.BIRTH_YEAR, profile.birthYear())
                .set(MEMBER_PROFILE.LANGUAGES, languages)
                .set(MEMBER_PROFILE.TIME_ZONE, profile.timeZone())
                .set(MEMBER_PROFILE.INTERESTS, interests)
                .set(MEMBER_PROFILE.CONTACT_EMAIL, profile.contactEmail())
                .set(MEMBER_PROFILE.SEND_READ_RECEIPTS, profile.sendReadReceipts())
                .set(MEMBER_PROFILE.UPDATED_AT, when)
                .returningResult(DSL.field("xmax = 0", Boolean.class))
                .fetchOne()
                .value1();
    }

    @Override
    public boolean delete(String userId) {
        sql.deleteFrom(NOTIFICATION_SETTINGS).where(NOTIFICATION_SETTINGS.USER_ID.eq(userId)).execute();
        return sql.deleteFrom(MEMBER_PROFILE).where(MEMBER_PROFILE.USER_ID.eq(userId)).execute() > 0;
    }

    private static Members.Profile profile(Record record) {
        MemberProfileRecord row = record.into(MEMBER_PROFILE);
        Boolean pushPreview = record.get(NOTIFICATION_SETTINGS.PUSH_PREVIEW);
        return new Members.Profile(row.getUserId(), new MemberProfile(row.getDisplayName(), row.getBirthYear(),
                codes(row.getLanguages()), row.getTimeZone(),
                codes(row.getInterests()).stream().map(SkillCategory::valueOf).toList(), row.getContactEmail(),
                row.getSendReadReceipts(), pushPreview == null || pushPreview),
                row.getCreatedAt().toInstant(), row.getUpdatedAt().toInstant());
    }

    private static List<String> codes(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
