package app.hearth.devices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.push.IncomingCall;
import app.hearth.application.push.IncomingCallPush;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incoming-call push through the real senders: APNs is Pushy's MockApnsServer over TLS (token authentication,
 * our own test certificate), FCM is WireMock behind firebase-admin (requests to fcm.googleapis.com are sent to it,
 * with a fixed access token). The provider's answers decide: dead tokens are removed, transient failures keep them.
 */
class IncomingCallPushIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROJECT = "hearth-push-test";
    private static final String SEND = "/v1/projects/" + PROJECT + "/messages:send";

    /** What the mock APNs received: headers and payload of each push. */
    record ApnsPush(Map<String, String> headers, String payload) {
        String token() {
            return headers.get(":path").substring("/3/device/".length());
        }
    }

    static final List<ApnsPush> APNS_RECEIVED = new CopyOnWriteArrayList<>();
    /** Tokens the mock APNs refuses, and with what. */
    static final Map<String, RejectionReason> APNS_REFUSES = new ConcurrentHashMap<>();
    static final MockApnsServer APNS;
    static final int APNS_PORT;
    static final WireMockServer FCM = new WireMockServer(options().dynamicPort());

    static {
        try {
            APNS = new MockApnsServerBuilder()
                    .setServerCredentials(resource("push/apns-mock-server.pem"), resource("push/apns-mock-server.key"),
                            null)
                    .setHandlerFactory(session -> (headers, payload) -> {
                        var received = new HashMap<String, String>();
                        headers.forEach(header -> received.put(header.getKey().toString(),
                                header.getValue().toString()));
                        var push = new ApnsPush(received, payload.toString(StandardCharsets.UTF_8));
                        APNS_RECEIVED.add(push);
                        RejectionReason refusal = APNS_REFUSES.get(push.token());
                        if (refusal != null) {
                            throw new RejectedNotificationException(refusal);
                        }
                    })
                    .build();
            APNS_PORT = APNS.start(0).get();
            FCM.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static File resource(String name) {
        try {
            return new File(IncomingCallPushIT.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("hearth.push.apns.enabled", () -> "true");
        registry.add("hearth.push.apns.host", () -> "localhost");
        registry.add("hearth.push.apns.port", () -> APNS_PORT);
        registry.add("hearth.push.apns.bundle-id", () -> "app.hearth.test");
        registry.add("hearth.push.apns.team-id", () -> "TEAM123456");
        registry.add("hearth.push.apns.key-id", () -> "KEY1234567");
        registry.add("hearth.push.apns.signing-key", () -> resource("push/apns-test-signing-key.p8").getPath());
        registry.add("hearth.push.apns.trusted-server-certificate",
                () -> resource("push/apns-mock-server.pem").getPath());
        registry.add("hearth.push.fcm.enabled", () -> "true");
        registry.add("hearth.push.fcm.project-id", () -> PROJECT);
        registry.add("hearth.push.fcm.endpoint", () -> "http://127.0.0.1:" + FCM.port());
        registry.add("hearth.push.fcm.access-token", () -> "test-access-token");
    }

    @AfterAll
    static void stop() throws Exception {
        APNS.shutdown().get();
        FCM.stop();
    }

    @Autowired
    IncomingCallPush push;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void fcmAcceptsByDefault() {
        FCM.resetAll();
        FCM.stubFor(post(urlEqualTo(SEND)).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"projects/" + PROJECT + "/messages/0:1\"}")));
    }

    private static String apnsToken(int n) {
        return String.format("%064x", n + System.nanoTime());
    }

    private static String fcmToken(String name) {
        return "fcm:" + name + "-" + UUID.randomUUID();
    }

    /** FCM answers {@code token} with the fixture (its HTTP status) instead of accepting it. */
    private static void fcmRefuses(String token, int status, String fixture) throws IOException {
        try (InputStream in = IncomingCallPushIT.class.getResourceAsStream("/fixtures/fcm/" + fixture)) {
            FCM.stubFor(post(urlEqualTo(SEND)).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        }
    }

    private void register(Api user, String deviceId, String platform, String fcm, String apns) {
        var body = new HashMap<String, Object>();
        body.put("platform", platform);
        body.put("fcmToken", fcm);
        body.put("apnsVoipToken", apns);
        var saved = user.put("/api/v1/me/devices/" + deviceId, body);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(201);
    }

    private Map<String, JsonNode> devices(Api user) {
        var byId = new HashMap<String, JsonNode>();
        user.get("/api/v1/me/devices").body().forEach(device -> byId.put(device.get("deviceId").asString(), device));
        return byId;
    }

    private IncomingCall call(String callId) {
        return new IncomingCall(callId, "Ada Lovelace", "video", IncomingCall.deepLinkFor(callId),
                Instant.now().plusSeconds(45));
    }

    @Test
    void everyDeviceGetsAVoipPushOrAHighPriorityDataMessageWithTheCall() throws Exception {
        String callee = "push-callee-" + run;
        Api user = as("member", callee);
        String voip = apnsToken(1);
        String android = fcmToken("android");
        register(user, "iphone-" + run, "ios", null, voip);
        register(user, "pixel-" + run, "android", android, null);
        String callId = "call-" + run;
        IncomingCall call = call(callId);

        var result = push.ring(callee, call);

        assertThat(result).isEqualTo(new IncomingCallPush.Result(2, 0, 0));
        ApnsPush apns = APNS_RECEIVED.stream().filter(p -> p.token().equals(voip)).findFirst().orElseThrow();
        assertThat(apns.headers()).containsEntry("apns-topic", "app.hearth.test.voip")
                .containsEntry("apns-push-type", "voip")
                .containsEntry("apns-priority", "10")
                .containsEntry("apns-expiration", Long.toString(call.expiresAt().getEpochSecond()))
                .containsKey("authorization");
        JsonNode payload = JSON.readTree(apns.payload());
        assertThat(payload.get("callId").asString()).isEqualTo(callId);
        assertThat(payload.get("kind").asString()).isEqualTo("video");
        assertThat(payload.get("callerName").asString()).isEqualTo("Ada Lovelace");
        assertThat(payload.get("deepLink").asString()).isEqualTo("hearth://calls/" + callId);

        var sent = FCM.findAll(postRequestedFor(urlEqualTo(SEND)));
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().getHeader("Authorization")).isEqualTo("Bearer test-access-token");
        JsonNode message = JSON.readTree(sent.getFirst().getBodyAsString()).get("message");
        assertThat(message.get("token").asString()).isEqualTo(android);
        assertThat(message.at("/android/priority").asString()).isEqualTo("high");
        long ttl = Long.parseLong(message.at("/android/ttl").asString().replaceAll("[^0-9.]", "").split("\\.")[0]);
        assertThat(ttl).isBetween(30L, 45L);
        JsonNode data = message.get("data");
        assertThat(data.get("type").asString()).isEqualTo("incoming_call");
        assertThat(data.get("callId").asString()).isEqualTo(callId);
        assertThat(data.get("kind").asString()).isEqualTo("video");
        assertThat(data.get("callerName").asString()).isEqualTo("Ada Lovelace");
        assertThat(data.get("deepLink").asString()).isEqualTo("hearth://calls/" + callId);
    }

    @Test
    void tokensTheProvidersRefuseForGoodAreRemovedAndTransientFailuresKeepThem() throws Exception {
        String callee = "push-refused-" + run;
        Api user = as("member", callee);
        String badDevice = apnsToken(2);
        String unregisteredApns = apnsToken(3);
        String apnsDown = apnsToken(4);
        String unregistered = fcmToken("unregistered");
        String invalid = fcmToken("invalid");
        String unavailable = fcmToken("unavailable");
        String fine = fcmToken("fine");
        APNS_REFUSES.put(badDevice, RejectionReason.BAD_DEVICE_TOKEN);
        APNS_REFUSES.put(unregisteredApns, RejectionReason.UNREGISTERED);
        APNS_REFUSES.put(apnsDown, RejectionReason.INTERNAL_SERVER_ERROR);
        fcmRefuses(unregistered, 404, "unregistered.json");
        fcmRefuses(invalid, 400, "invalid_argument.invalid_token.json");
        fcmRefuses(unavailable, 503, "unavailable.json");
        // an iPhone whose VoIP token is dead keeps its FCM token; one left without tokens is forgotten
        register(user, "ios-bad-" + run, "ios", fine, badDevice);
        register(user, "ios-gone-" + run, "ios", null, unregisteredApns);
        register(user, "ios-down-" + run, "ios", null, apnsDown);
        register(user, "android-gone-" + run, "android", unregistered, null);
        register(user, "android-invalid-" + run, "android", invalid, null);
        register(user, "android-down-" + run, "android", unavailable, null);

        long started = System.nanoTime();
        var result = push.ring(callee, call("call-refused-" + run));

        assertThat(result).isEqualTo(new IncomingCallPush.Result(1, 4, 2));
        var left = devices(user);
        assertThat(left.keySet()).containsExactlyInAnyOrder("ios-bad-" + run, "ios-down-" + run,
                "android-down-" + run);
        assertThat(left.get("ios-bad-" + run).get("apnsVoipToken").isNull()).isTrue();
        assertThat(left.get("ios-bad-" + run).get("fcmToken").asString()).isEqualTo(fine);
        assertThat(left.get("ios-down-" + run).get("apnsVoipToken").asString()).isEqualTo(apnsDown);
        assertThat(left.get("android-down-" + run).get("fcmToken").asString()).isEqualTo(unavailable);
        System.out.println("ring with refusals took " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms");

        // ringing again sends nothing to the removed tokens
        int before = APNS_RECEIVED.size();
        var again = push.ring(callee, call("call-again-" + run));
        assertThat(again.removed()).isZero();
        assertThat(APNS_RECEIVED.subList(before, APNS_RECEIVED.size())).extracting(ApnsPush::token)
                .containsExactly(apnsDown);
    }

    @Test
    void aCalleeWithoutDevicesIsRungNowhere() {
        assertThat(push.ring("push-nobody-" + run, call("call-nobody-" + run)))
                .isEqualTo(new IncomingCallPush.Result(0, 0, 0));
    }
}
