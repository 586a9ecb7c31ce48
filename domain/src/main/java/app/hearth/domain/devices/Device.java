package app.hearth.domain.devices;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One device of a user, keyed by (user, device id): the id is chosen by the app, so two users may use the same one
 * without ever seeing each other's row. It carries at least one push token: an FCM registration token (Android,
 * and iOS apps that use FCM for ordinary messages) and/or an APNs VoIP token (iOS only, for incoming calls).
 */
@ValueObject
public record Device(String userId, String deviceId, Platform platform, String fcmToken, String apnsVoipToken,
                     Instant registeredAt) {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{8,128}");
    /** FCM registration tokens are opaque; today about 160 characters of URL-safe base64 with ':'. */
    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:.-]{20,4096}");
    /** APNs device tokens are hexadecimal, 32 bytes today; Apple may lengthen them. */
    private static final Pattern APNS_TOKEN = Pattern.compile("(?:[0-9a-fA-F]{2}){16,100}");

    public Device {
        RuleViolation.requireText(userId, "userId");
        deviceId = deviceId(deviceId);
        RuleViolation.require(platform, "platform");
        RuleViolation.require(registeredAt, "registeredAt");
        if (fcmToken != null && fcmToken.isEmpty()) {
            fcmToken = null;
        }
        if (apnsVoipToken != null && apnsVoipToken.isEmpty()) {
            apnsVoipToken = null;
        }
        if (fcmToken == null && apnsVoipToken == null) {
            throw RuleViolation.invalid("PUSH_TOKEN_REQUIRED", "fcmToken",
                    "a device needs an fcmToken or an apnsVoipToken (or both)");
        }
        if (fcmToken != null && !FCM_TOKEN.matcher(fcmToken).matches()) {
            throw RuleViolation.invalid("INVALID_FCM_TOKEN", "fcmToken",
                    "fcmToken must be 20 to 4096 characters of A-Z a-z 0-9 _ : . -");
        }
        if (apnsVoipToken != null) {
            if (platform != Platform.IOS) {
                throw RuleViolation.invalid("APNS_TOKEN_NOT_IOS", "apnsVoipToken",
                        "only an ios device has an APNs VoIP token");
            }
            if (!APNS_TOKEN.matcher(apnsVoipToken).matches()) {
                throw RuleViolation.invalid("INVALID_APNS_TOKEN", "apnsVoipToken",
                        "apnsVoipToken must be 32 to 100 bytes in hexadecimal");
            }
            apnsVoipToken = apnsVoipToken.toLowerCase(Locale.ROOT);
        }
    }

    /** Checks a device id: 8 to 128 characters of A-Z a-z 0-9 . _ - */
    public static String deviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw RuleViolation.invalid("INVALID_DEVICE_ID", "deviceId",
                    "deviceId must be 8 to 128 characters of A-Z a-z 0-9 . _ -");
        }
        return deviceId;
    }
}
