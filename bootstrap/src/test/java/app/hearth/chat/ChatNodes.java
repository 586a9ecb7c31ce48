package app.hearth.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.realtime.redis.RedisFrames;
import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two Hearth nodes with {@code hearth.realtime.fan-out=redis} (on the real Redis, a channel of this run's own) on this
 * run's database, for the chat tests that follow frames across nodes; and the people they need: members with
 * tokens, active companions, tokens issued by the node a client talks to.
 */
final class ChatNodes implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Actor ADMIN = new Actor("chat-live-admin", Role.ADMIN);

    final HearthNode a;
    final HearthNode b;

    private ChatNodes(HearthNode a, HearthNode b) {
        this.a = a;
        this.b = b;
    }

    static ChatNodes start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HearthNode a = redisNode(run, "a").start();
        HearthNode b = redisNode(run, "b").start();
        await().atMost(PATIENCE).until(() -> a.bean(RedisFrames.class).subscribed()
                && b.bean(RedisFrames.class).subscribed());
        return new ChatNodes(a, b);
    }

    private static HearthNode redisNode(String run, String name) {
        return HearthNode.onTestDatabase().withWebServer().unthrottled().with("--hearth.realtime.fan-out=redis",
                "--hearth.realtime.redis.channel=hearth:frames:chat-it-" + run, "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6379", "--spring.data.redis.client-name=hearth-chat-it-" + run + "-" + name);
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A client of {@code node} signed in as {@code userId} with {@code role}, its token issued by that node. */
    static Api as(HearthNode node, String role, String userId) {
        return Api.at(node.port()).signedInAs(userId, role);
    }

    /** A live connection of {@code userId} to {@code node}, with a token that node issued. */
    static RealtimeClient live(HearthNode node, String role, String userId) {
        return RealtimeClient.withHeader(node.port(), as(node, role, userId).token());
    }

    /** Waits until each node holds as many connections of each user as given ({@code user -> [on a, on b]}). */
    void awaitConnections(Map<String, int[]> expected) {
        RealtimeSessions onA = a.bean(RealtimeSessions.class);
        RealtimeSessions onB = b.bean(RealtimeSessions.class);
        await().atMost(PATIENCE).until(() -> expected.entrySet().stream().allMatch(entry ->
                onA.connections(entry.getKey()) == entry.getValue()[0]
                        && onB.connections(entry.getKey()) == entry.getValue()[1]));
    }

    /** An active companion (invited by an admin, profile saved). */
    String companion(String name) {
        String companionId = id("live-companion");
        var invited = as(a, "admin", ADMIN.userId()).post("/api/v1/companions",
                Map.of("userId", companionId, "displayName", name));
        assertThat(invited.status()).as(invited.raw().body()).isIn(200, 201);
        var saved = as(a, "companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName", name,
                "bio", "Likes tea", "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "yearsOfExperience", 2, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return companionId;
    }

    /** A registered member with {@code tokens} granted (V1). */
    String member(String name, long tokens) {
        return member(name, tokens, true);
    }

    /** A registered member with {@code tokens} granted (V1), who does or does not send read receipts. */
    String member(String name, long tokens, boolean sendReadReceipts) {
        String memberId = id("live-member");
        var profile = new LinkedHashMap<String, Object>();
        profile.put("displayName", name);
        profile.put("birthYear", 1948);
        profile.put("languages", List.of("en"));
        profile.put("timeZone", "Europe/Berlin");
        profile.put("sendReadReceipts", sendReadReceipts);
        var saved = as(a, "member", memberId).put("/api/v1/me/profile", profile);
        assertThat(saved.status()).as(saved.raw().body()).isIn(200, 201);
        a.bean(Wallets.class).grant(ADMIN, memberId, "grant-" + memberId, tokens, "chat live test");
        return memberId;
    }

    /** The member's first message to the companion; the conversation's id. */
    String open(String memberId, String companionId, String text) {
        var sent = as(a, "member", memberId).post("/api/v1/companions/" + companionId + "/messages",
                Map.of("clientMessageId", id("open"), "text", text));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
        return sent.body().get("conversationId").asString();
    }

    @Override
    public void close() {
        b.close();
        a.close();
    }
}
