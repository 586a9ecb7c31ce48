package app.hearth.devices;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PUT, GET and DELETE /api/v1/me/devices: creation and replacement, validation problems, ownership, idempotence. */
class DevicesIT extends IntegrationTest {

    private static final String APNS = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String FCM = "fcm-token:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ-hQMRKRrZuJAEcl7B";

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static Map<String, Object> body(String platform, String fcm, String apns) {
        var body = new HashMap<String, Object>();
        body.put("platform", platform);
        body.put("fcmToken", fcm);
        body.put("apnsVoipToken", apns);
        return body;
    }

    private static List<String> ids(Api.Response list) {
        var ids = new ArrayList<String>();
        list.body().forEach(device -> ids.add(device.get("deviceId").asString()));
        return ids;
    }

    @Test
    void aDeviceIsCreatedThenReplacedListedAndForgottenIdempotently() {
        Api member = as("member", "dev-member-" + run);
        String path = "/api/v1/me/devices/iphone-" + run;

        var created = member.put(path, body("ios", FCM, APNS.toUpperCase()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().get("deviceId").asString()).isEqualTo("iphone-" + run);
        assertThat(created.body().get("platform").asString()).isEqualTo("ios");
        assertThat(created.body().get("apnsVoipToken").asString()).isEqualTo(APNS);

        var replaced = member.put(path, body("ios", null, APNS));
        assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
        assertThat(replaced.body().get("fcmToken").isNull()).isTrue();

        assertThat(member.put("/api/v1/me/devices/pixel-" + run, body("android", FCM, null)).status())
                .isEqualTo(201);
        var list = member.get("/api/v1/me/devices");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).containsExactlyInAnyOrder("iphone-" + run, "pixel-" + run);

        assertThat(member.delete(path).status()).isEqualTo(204);
        assertThat(member.delete(path).status()).isEqualTo(204);
        assertThat(member.delete("/api/v1/me/devices/never-there-" + run).status()).isEqualTo(204);
        assertThat(ids(member.get("/api/v1/me/devices"))).containsExactly("pixel-" + run);
    }

    @Test
    void everyoneSignedInHasDevicesAndNobodySeesOrTouchesAnotherUsersDevice() {
        Api ada = as("member", "dev-ada-" + run);
        Api bob = as("companion", "dev-bob-" + run);
        Api sam = as("supervisor", "dev-sam-" + run);
        String shared = "/api/v1/me/devices/same-id-" + run;

        assertThat(ada.put(shared, body("android", FCM + "ada", null)).status()).isEqualTo(201);
        // the same device id for another user is their own row, not Ada's
        assertThat(bob.put(shared, body("android", FCM + "bob", null)).status()).isEqualTo(201);
        assertThat(sam.put(shared, body("ios", null, APNS)).status()).isEqualTo(201);

        assertThat(ada.get("/api/v1/me/devices").body().get(0).get("fcmToken").asString()).isEqualTo(FCM + "ada");
        assertThat(bob.get("/api/v1/me/devices").body().get(0).get("fcmToken").asString()).isEqualTo(FCM + "bob");
        assertThat(bob.get("/api/v1/me/devices").body()).hasSize(1);

        assertThat(bob.delete(shared).status()).isEqualTo(204);
        assertThat(bob.get("/api/v1/me/devices").body()).isEmpty();
        assertThat(ids(ada.get("/api/v1/me/devices"))).containsExactly("same-id-" + run);
        assertThat(ids(sam.get("/api/v1/me/devices"))).containsExactly("same-id-" + run);

        assertThat(anonymous().get("/api/v1/me/devices").status()).isEqualTo(401);
        assertThat(anonymous().put(shared, body("android", FCM, null)).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} {1} / {2} / {3} is refused with {4}")
    @CsvSource(nullValues = "null", value = {
            "short, android, " + FCM + ", null, INVALID_DEVICE_ID",
            "has space!, android, " + FCM + ", null, INVALID_DEVICE_ID",
            "ok-device-1, windows, " + FCM + ", null, INVALID_PLATFORM",
            "ok-device-1, null, " + FCM + ", null, FIELD_REQUIRED",
            "ok-device-1, ios, null, null, PUSH_TOKEN_REQUIRED",
            "ok-device-1, ios, '', '', PUSH_TOKEN_REQUIRED",
            "ok-device-1, android, 'bad token with spaces', null, INVALID_FCM_TOKEN",
            "ok-device-1, android, short, null, INVALID_FCM_TOKEN",
            "ok-device-1, ios, null, not-hex-zzzz, INVALID_APNS_TOKEN",
            "ok-device-1, ios, null, abcd, INVALID_APNS_TOKEN",
            "ok-device-1, android, null, " + APNS + ", APNS_TOKEN_NOT_IOS"
    })
    void invalidRegistrationsAreProblemDetailsWithStableCodes(String deviceId, String platform, String fcm,
                                                             String apns, String code) {
        Api member = as("member", "dev-invalid-" + run);
        var refused = member.put("/api/v1/me/devices/" + deviceId.replace(" ", "%20").replace("!", "%21"),
                body(platform, fcm, apns));
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo(code);
        assertThat(member.get("/api/v1/me/devices").body()).isEmpty();
    }

    @Test
    void closingAnAccountErasesItsDevicesAndPushTokens() {
        String memberId = "dev-closing-" + run;
        Api member = as("member", memberId);
        assertThat(member.put("/api/v1/me/profile", Map.of("displayName", "Closing", "birthYear", 1950,
                "languages", List.of("en"), "timeZone", "Europe/London")).status()).isEqualTo(201);
        assertThat(member.put("/api/v1/me/devices/phone-" + run, body("android", "fcm-closing-" + run + "-abcdefghij",
                null)).status()).isEqualTo(201);
        assertThat(member.delete("/api/v1/me").status()).isIn(200, 204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE user_id = ?", Long.class, memberId))
                .isZero();
    }

    @Test
    void aTooLongDeviceIdAndAMissingBodyAreRefused() {
        Api member = as("member", "dev-long-" + run);
        var tooLong = member.put("/api/v1/me/devices/" + "x".repeat(129), body("android", FCM, null));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("INVALID_DEVICE_ID");
        assertThat(member.put("/api/v1/me/devices/" + "x".repeat(128), body("android", FCM, null)).status())
                .isEqualTo(201);
        assertThat(member.delete("/api/v1/me/devices/bad").code()).isEqualTo("INVALID_DEVICE_ID");
        var noBody = member.put("/api/v1/me/devices/ok-device-2", null);
        assertThat(noBody.status()).isEqualTo(400);
    }
}
