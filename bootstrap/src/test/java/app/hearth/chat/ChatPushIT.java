package app.hearth.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.RealtimeClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat pushes to absent recipients (issue 16 point 8, adr/0049) through the real FCM sender against WireMock: one
 * alert per conversation burst with the text shortened, collapsed by conversation, the deep link; the text hidden by
 * the recipient's choice; nothing for a recipient connected on this node or on another one (Redis fan-out, the
 * record of live connections in PostgreSQL); nothing more for a retried message. Here a recipient is pushed at most
 * once every 3 s per conversation ({@code hearth.chat.push.quiet-for}).
 */
class ChatPushIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROJECT = "hearth-chat-push-test";
    private static final String SEND = "/v1/projects/" + PROJECT + "/messages:send";
    private static final String CHANNEL = "hearth:frames:chat-push-" + UUID.randomUUID();
    private static final Duration QUIET = Duration.ofSeconds(3);
    static final WireMockServer FCM = new WireMockServer(options().dynamicPort());

    static {
        FCM.start();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("hearth.push.fcm.enabled", () -> "true");
        registry.add("hearth.push.fcm.project-id", () -> PROJECT);
        registry.add("hearth.push.fcm.endpoint", () -> "http://127.0.0.1:" + FCM.port());
        registry.add("hearth.push.fcm.access-token", () -> "test-access-token");
        registry.add("hearth.chat.push.quiet-for", QUIET::toString);
        registry.add("hearth.realtime.fan-out", () -> "redis");
        registry.add("hearth.realtime.redis.channel", () -> CHANNEL);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> "6379");
    }

    @AfterAll
    static void stop() {
        FCM.stop();
    }

    @Autowired
    Wallets wallets;

    @BeforeEach
    void fcmAccepts() {
        FCM.resetAll();
        FCM.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"projects/" + PROJECT + "/messages/0:1\"}")));
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    String companion(String name) {
        String companionId = id("push-companion");
        as("admin", "push-admin").post("/api/v1/companions", Map.of("userId", companionId, "displayName", name));
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName", name,
                "bio", "Likes tea", "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "yearsOfExperience", 2, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return companionId;
    }

    String member(String name, Boolean pushPreview) {
        String memberId = id("push-member");
        var body = new LinkedHashMap<String, Object>(Map.of("displayName", name, "birthYear", 1948,
                "languages", List.of("en"), "timeZone", "Europe/Berlin"));
        if (pushPreview != null) {
            body.put("pushPreview", pushPreview);
        }
        var saved = as("member", memberId).put("/api/v1/me/profile", body);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(201);
        wallets.grant(new Actor("push-admin", Role.ADMIN), memberId, "grant-" + memberId, 100, "push test");
        return memberId;
    }

    /** Registers a device with an FCM token for {@code userId} and returns the token. */
    String device(String role, String userId, String platform, String apnsVoipToken) {
        String token = "fcm-" + UUID.randomUUID().toString().replace("-", "");
        var body = new LinkedHashMap<String, Object>(Map.of("platform", platform, "fcmToken", token));
        if (apnsVoipToken != null) {
            body.put("apnsVoipToken", apnsVoipToken);
        }
        var registered = as(role, userId).put("/api/v1/me/devices/" + id("d"), body);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return token;
    }

    Api.Response open(String memberId, String companionId, String clientMessageId, String text) {
        var sent = as("member", memberId).post("/api/v1/companions/" + companionId + "/messages",
                Map.of("clientMessageId", clientMessageId, "text", text));
        assertThat(sent.status()).as(sent.raw().body()).isIn(200, 201);
        return sent;
    }

    Api.Response say(String role, String userId, String conversationId, String clientMessageId, String text) {
        var sent = as(role, userId).post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("clientMessageId", clientMessageId, "text", text));
        assertThat(sent.status()).as(sent.raw().body()).isIn(200, 201);
        return sent;
    }

    /** The FCM messages sent so far to {@code token} (the {@code message} objects). */
    static List<JsonNode> pushesTo(String token) {
        return FCM.findAll(postRequestedFor(urlEqualTo(SEND))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString()).get("message"))
                .filter(message -> token.equals(message.path("token").asString(null)))
                .toList();
    }

    /** Waits for {@code count} pushes to {@code token}, then a while longer to see that no other comes. */
    static List<JsonNode> exactly(int count, String token) {
        if (count > 0) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pushesTo(token).size() >= count);
        }
        sleep(Duration.ofMillis(1500));
        List<JsonNode> pushes = pushesTo(token);
        assertThat(pushes).as("pushes to " + token).hasSize(count);
        return pushes;
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAbsentRecipientGetsOneCollapsedPushPerConversationBurstWithTheTextShortenedAndTheDeepLink() {
        String ada = member("Ada", null);
        String dan = member("Dan", null);
        String bea = companion("Bea");
        String android = device("companion", bea, "android", null);
        String iphone = device("companion", bea, "ios", String.format("%064x", System.nanoTime()));
        String adaPhone = device("member", ada, "android", null);

        String longText = "Hello Bea, " + "this is a rather long message ".repeat(6);
        String withAda = open(ada, bea, "a1", longText).body().get("conversationId").asString();
        say("member", ada, withAda, "a2", "and another");
        say("member", ada, withAda, "a3", "and a third");

        for (String token : List.of(android, iphone)) {
            JsonNode push = exactly(1, token).getFirst();
            assertThat(push.get("notification").get("title").asString()).isEqualTo("Ada");
            String body = push.get("notification").get("body").asString();
            assertThat(body).isEqualTo(longText.substring(0, 99).stripTrailing() + "…");
            assertThat(body.codePointCount(0, body.length())).isLessThanOrEqualTo(100);
            assertThat(push.get("android").get("collapse_key").asString()).isEqualTo(withAda);
            assertThat(push.get("android").get("notification").get("tag").asString()).isEqualTo(withAda);
            assertThat(push.get("apns").get("headers").get("apns-collapse-id").asString()).isEqualTo(withAda);
            assertThat(push.get("apns").get("payload").get("aps").get("thread-id").asString()).isEqualTo(withAda);
            assertThat(push.get("data").get("deepLink").asString()).isEqualTo("hearth://conversations/" + withAda);
            assertThat(push.get("data").get("conversationId").asString()).isEqualTo(withAda);
            assertThat(push.get("data").get("seq").asString()).isEqualTo("1");
        }
        // another conversation is pushed on its own, and so is the other direction
        String withDan = open(dan, bea, "d1", "Hi from Dan").body().get("conversationId").asString();
        say("companion", bea, withAda, "b1", "Hello Ada");
        List<JsonNode> toBea = exactly(2, android);
        assertThat(toBea.get(1).get("android").get("collapse_key").asString()).isEqualTo(withDan);
        assertThat(toBea.get(1).get("notification").get("body").asString()).isEqualTo("Hi from Dan");
        JsonNode toAda = exactly(1, adaPhone).getFirst();
        assertThat(toAda.get("notification").get("title").asString()).isEqualTo("Bea");
        assertThat(toAda.get("notification").get("body").asString()).isEqualTo("Hello Ada");
        assertThat(toAda.get("data").get("seq").asString()).isEqualTo("4");

        // once the quiet time is over, the next message of the conversation is pushed again
        sleep(QUIET);
        say("member", ada, withAda, "a4", "still there?");
        assertThat(exactly(3, android).get(2).get("notification").get("body").asString()).isEqualTo("still there?");
    }

    @Test
    void aRecipientWhoChoseNoPreviewGetsNewMessageInsteadOfTheText() {
        String bea = companion("Bea");
        String ada = member("Ada", false);
        var settings = as("companion", bea).get("/api/v1/me/notification-settings");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().get("pushPreview").asBoolean()).isTrue();
        var turnedOff = as("companion", bea).put("/api/v1/me/notification-settings", Map.of("pushPreview", false));
        assertThat(turnedOff.body().get("pushPreview").asBoolean()).isFalse();
        assertThat(as("companion", bea).put("/api/v1/me/notification-settings", Map.of()).body()
                .get("pushPreview").asBoolean()).as("left out, it stays").isFalse();
        // a member's profile and the settings route are one setting
        assertThat(as("member", ada).get("/api/v1/me/profile").body().get("pushPreview").asBoolean()).isFalse();
        assertThat(as("member", ada).get("/api/v1/me/notification-settings").body().get("pushPreview").asBoolean())
                .isFalse();
        String beaPhone = device("companion", bea, "android", null);
        String adaPhone = device("member", ada, "ios", null);

        String conversation = open(ada, bea, "p1", "a secret text").body().get("conversationId").asString();
        JsonNode toBea = exactly(1, beaPhone).getFirst();
        assertThat(toBea.get("notification").get("body").asString()).isEqualTo("New message");
        assertThat(toBea.get("notification").get("title").asString()).isEqualTo("Ada");
        assertThat(toBea.toString()).doesNotContain("secret");
        say("companion", bea, conversation, "p2", "another secret");
        assertThat(exactly(1, adaPhone).getFirst().get("notification").get("body").asString())
                .isEqualTo("New message");

        // turned on again through the profile, the text shows
        as("member", ada).put("/api/v1/me/profile", Map.of("displayName", "Ada", "birthYear", 1948,
                "languages", List.of("en"), "timeZone", "Europe/Berlin", "pushPreview", true));
        assertThat(as("member", ada).get("/api/v1/me/notification-settings").body().get("pushPreview").asBoolean())
                .isTrue();
        sleep(QUIET);
        say("companion", bea, conversation, "p3", "now visible");
        assertThat(exactly(2, adaPhone).get(1).get("notification").get("body").asString()).isEqualTo("now visible");
    }

    @Test
    void aRecipientConnectedOnThisNodeGetsNoPushUntilTheyLeave() {
        String ada = member("Ada", null);
        String bea = companion("Bea");
        String beaPhone = device("companion", bea, "android", null);
        String conversation;
        try (var live = RealtimeClient.withHeader(port, as("companion", bea).token())) {
            conversation = open(ada, bea, "c1", "are you there?").body().get("conversationId").asString();
            assertThat(ChatIT.frames(live, 1)).anySatisfy(frame ->
                    assertThat(frame.get("type").asString()).isEqualTo("message"));
            exactly(0, beaPhone);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from realtime_connection where user_id = ?", Long.class, bea) == 0);
        say("member", ada, conversation, "c2", "gone?");
        assertThat(exactly(1, beaPhone).getFirst().get("notification").get("body").asString()).isEqualTo("gone?");
    }

    @Test
    void aRecipientConnectedOnAnotherNodeGetsNoPush() {
        String ada = member("Ada", null);
        String bea = companion("Bea");
        String beaPhone = device("companion", bea, "android", null);
        try (var nodeB = HearthNode.onTestDatabase().withWebServer().unthrottled()
                .with("--hearth.realtime.fan-out=redis", "--hearth.realtime.redis.channel=" + CHANNEL,
                        "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379").start()) {
            String conversation;
            // a token of node B, issued by node B
            try (var live = RealtimeClient.withHeader(nodeB.port(),
                    Api.at(nodeB.port()).signedInAs(bea, "companion").token())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                        "select count(*) from realtime_connection where user_id = ?", Long.class, bea) == 1);
                conversation = open(ada, bea, "n1", "over there?").body().get("conversationId").asString();
                assertThat(ChatIT.frames(live, 1)).as("the frame crossed to node B").anySatisfy(frame ->
                        assertThat(frame.get("type").asString()).isEqualTo("message"));
                exactly(0, beaPhone);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from realtime_connection where user_id = ?", Long.class, bea) == 0);
            say("member", ada, conversation, "n2", "left?");
            assertThat(exactly(1, beaPhone).getFirst().get("notification").get("body").asString())
                    .isEqualTo("left?");
        }
    }

    @Test
    void aRetriedMessagePushesNothingMore() {
        String ada = member("Ada", null);
        String bea = companion("Bea");
        String beaPhone = device("companion", bea, "android", null);
        var first = open(ada, bea, "t1", "only once");
        assertThat(first.status()).isEqualTo(201);
        String conversation = first.body().get("conversationId").asString();
        exactly(1, beaPhone);
        sleep(QUIET);
        var retried = open(ada, bea, "t1", "only once");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(say("member", ada, conversation, "t1", "only once").status()).isEqualTo(200);
        exactly(1, beaPhone);
        // a new message is pushed again: the quiet time did not hold the retry back
        say("member", ada, conversation, "t2", "a new one");
        assertThat(exactly(2, beaPhone).get(1).get("notification").get("body").asString()).isEqualTo("a new one");
    }
}
