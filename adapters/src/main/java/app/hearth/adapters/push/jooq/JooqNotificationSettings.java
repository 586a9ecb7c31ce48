package app.hearth.adapters.push.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.NOTIFICATION_SETTINGS;

import app.hearth.application.push.NotificationSettingsStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/** Notification settings in {@code notification_settings}, one row per user who changed them. */
public class JooqNotificationSettings implements NotificationSettingsStore {

    private final DSLContext sql;

    public JooqNotificationSettings(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Boolean> pushPreview(String userId) {
        return sql.select(NOTIFICATION_SETTINGS.PUSH_PREVIEW).from(NOTIFICATION_SETTINGS)
                .where(NOTIFICATION_SETTINGS.USER_ID.eq(userId))
                .fetchOptional(NOTIFICATION_SETTINGS.PUSH_PREVIEW);
    }

    @Override
    public void savePushPreview(String userId, boolean pushPreview, Instant at) {
        var when = at.atOffset(ZoneOffset.UTC);
        sql.insertInto(NOTIFICATION_SETTINGS)
                .set(NOTIFICATION_SETTINGS.USER_ID, userId)
                .set(NOTIFICATION_SETTINGS.PUSH_PREVIEW, pushPreview)
                .set(NOTIFICATION_SETTINGS.UPDATED_AT, when)
                .onConflict(NOTIFICATION_SETTINGS.USER_ID).doUpdate()
                .set(NOTIFICATION_SETTINGS.PUSH_PREVIEW, pushPreview)
                .set(NOTIFICATION_SETTINGS.UPDATED_AT, when)
                .execute();
    }
}
