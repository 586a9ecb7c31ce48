package app.hearth.domain.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String APNS = "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90";

    private static String code(Runnable build) {
        try {
            build.run();
            return null;
        } catch (RuleViolation violation) {
            return violation.code();
        }
    }

    @Test
    void anIphoneMayHaveBothTokensAndItsApnsTokenIsLowerCased() {
        Device device = new Device("u1", "iphone-1234", Platform.IOS, "fcm:abcdefghijklmnopqrstuvwxyz", APNS, NOW);
        assertThat(device.apnsVoipToken()).isEqualTo(APNS.toLowerCase());
        assertThat(device.fcmToken()).isEqualTo("fcm:abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void emptyTokensCountAsAbsentAndOneIsRequired() {
        assertThat(code(() -> new Device("u1", "iphone-1234", Platform.IOS, "", "", NOW)))
                .isEqualTo("PUSH_TOKEN_REQUIRED");
        assertThat(new Device("u1", "iphone-1234", Platform.IOS, "", APNS, NOW).fcmToken()).isNull();
    }

    @Test
    void deviceIdsAreEightTo128SafeCharacters() {
        assertThat(Device.deviceId("a.b_c-D9")).isEqualTo("a.b_c-D9");
        assertThat(Device.deviceId("x".repeat(128))).hasSize(128);
        for (String bad : new String[] {null, "1234567", "x".repeat(129), "has/slash", "spaces  here", "ünïcode12"}) {
            assertThatThrownBy(() -> Device.deviceId(bad)).isInstanceOf(RuleViolation.class)
                    .extracting(e -> ((RuleViolation) e).code()).isEqualTo("INVALID_DEVICE_ID");
        }
    }

    @Test
    void tokensAreCheckedForCharsetLengthAndPlatform() {
        assertThat(code(() -> new Device("u1", "pixel-1234", Platform.ANDROID, "short", null, NOW)))
                .isEqualTo("INVALID_FCM_TOKEN");
        assertThat(code(() -> new Device("u1", "pixel-1234", Platform.ANDROID, "x".repeat(4097), null, NOW)))
                .isEqualTo("INVALID_FCM_TOKEN");
        assertThat(code(() -> new Device("u1", "pixel-1234", Platform.ANDROID, null, APNS, NOW)))
                .isEqualTo("APNS_TOKEN_NOT_IOS");
        assertThat(code(() -> new Device("u1", "iphone-1234", Platform.IOS, null, APNS + "0", NOW)))
                .isEqualTo("INVALID_APNS_TOKEN");
        assertThat(code(() -> new Device("u1", "iphone-1234", Platform.IOS, null, "zz".repeat(32), NOW)))
                .isEqualTo("INVALID_APNS_TOKEN");
        assertThat(code(() -> Platform.parse("IOS"))).isEqualTo("INVALID_PLATFORM");
    }
}
