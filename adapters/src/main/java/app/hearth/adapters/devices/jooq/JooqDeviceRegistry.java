package app.hearth.adapters.devices.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.DEVICE;

import app.hearth.adapters.shared.jooq.generated.tables.records.DeviceRecord;
import app.hearth.application.devices.DeviceRegistry;
import app.hearth.domain.devices.Device;
import app.hearth.domain.devices.Platform;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Devices in the {@code device} table, keyed by (user, device id). */
@Component
public class JooqDeviceRegistry implements DeviceRegistry {

    private final DSLContext sql;

    public JooqDeviceRegistry(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean save(Device device) {
        // xmax = 0 only for a row this statement inserted (PostgreSQL): tells a creation from a replacement.
        Field<Boolean> inserted = DSL.field("xmax = 0", Boolean.class);
        return sql.insertInto(DEVICE)
                .set(DEVICE.USER_ID, device.userId()).set(DEVICE.DEVICE_ID, device.deviceId())
                .set(DEVICE.PLATFORM, device.platform().wire())
                .set(DEVICE.FCM_TOKEN, device.fcmToken()).set(DEVICE.APNS_VOIP_TOKEN, device.apnsVoipToken())
                .set(DEVICE.REGISTERED_AT, device.registeredAt().atOffset(ZoneOffset.UTC))
                .onConflict(DEVICE.USER_ID, DEVICE.DEVICE_ID).doUpdate()
                .set(DEVICE.PLATFORM, device.platform().wire())
                .set(DEVICE.FCM_TOKEN, device.fcmToken()).set(DEVICE.APNS_VOIP_TOKEN, device.apnsVoipToken())
                .set(DEVICE.REGISTERED_AT, device.registeredAt().atOffset(ZoneOffset.UTC))
                .returningResult(inserted)
                .fetchOne(0, Boolean.class);
    }

    @Override
    public List<Device> list(String userId) {
        return sql.selectFrom(DEVICE).where(DEVICE.USER_ID.eq(userId))
                .orderBy(DEVICE.REGISTERED_AT, DEVICE.DEVICE_ID)
                .fetch(JooqDeviceRegistry::device);
    }

    @Override
    public boolean delete(String userId, String deviceId) {
        return sql.deleteFrom(DEVICE).where(DEVICE.USER_ID.eq(userId), DEVICE.DEVICE_ID.eq(deviceId)).execute() == 1;
    }

    @Override
    public int deleteAll(String userId) {
        return sql.deleteFrom(DEVICE).where(DEVICE.USER_ID.eq(userId)).execute();
    }

    @Override
    public boolean forgetApnsVoipToken(String userId, String deviceId, String token) {
        return forget(userId, deviceId, DEVICE.APNS_VOIP_TOKEN, DEVICE.FCM_TOKEN, token);
    }

    @Override
    public boolean forgetFcmToken(String userId, String deviceId, String token) {
        return forget(userId, deviceId, DEVICE.FCM_TOKEN, DEVICE.APNS_VOIP_TOKEN, token);
    }

    /** Deletes the row when {@code other} is null too, otherwise clears {@code token}; only while it still holds it. */
    private boolean forget(String userId, String deviceId, Field<String> field, Field<String> other, String token) {
        var mine = DSL.and(DEVICE.USER_ID.eq(userId), DEVICE.DEVICE_ID.eq(deviceId), field.eq(token));
        int deleted = sql.deleteFrom(DEVICE).where(mine, other.isNull()).execute();
        return deleted == 1 || sql.update(DEVICE).set(field, (String) null).where(mine).execute() == 1;
    }

    private static Device device(DeviceRecord row) {
        return new Device(row.getUserId(), row.getDeviceId(), Platform.parse(row.getPlatform()), row.getFcmToken(),
                row.getApnsVoipToken(), row.getRegisteredAt().toInstant());
    }
}
