package app.hearth.chat;

import static app.hearth.chat.ChatNodes.PATIENCE;
import static app.hearth.chat.ChatNodes.as;
import static app.hearth.chat.ChatNodes.id;
import static app.hearth.chat.ChatNodes.live;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.HearthNode;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chat in real time on two nodes with the Redis fan-out (issue 16 point 6): every {@code message}, {@code receipt}
 * and {@code conversation} frame reaches every connection of both participants, on whichever node, once; typing
 * signals go to the other participant's connections only, are left out when repeated within 2 s, are refused to
 * anyone else, are never stored, and a flood of them is dropped.
 */
class ChatLiveIT {

    static ChatNodes nodes;

    @BeforeAll
    static void startTwoRedisNodes() {
        nodes = ChatNodes.start();
    }

    @AfterAll
    static void stopThem() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** What one connection received, by frame type. */
    record Received(String name, List<JsonNode> frames) {
        List<JsonNode> of(String type) {
            return frames.stream().filter(frame -> frame.get("type").asString().equals(type)).toList();
        }

        List<Long> messageSeqs() {
            return of("message").stream().map(frame -> frame.get("seq").asLong()).sorted().toList();
        }

        /** Every frame as text, sorted: two connections of one user must hold the same. */
        List<String> sortedText() {
            return frames.stream().map(JsonNode::toString).sorted().toList();
        }
    }

    @Test
    void everyMessageReceiptAndConversationFrameReachesEveryConnectionOfBothParticipantsOnBothNodes() {
        HearthNode a = nodes.a;
        HearthNode b = nodes.b;
        String ada = nodes.member("Ada", 1000);
        String bea = nodes.companion("Bea");
        String eve = nodes.member("Eve", 10);
        String conversation = nodes.open(ada, bea, "Hello Bea");
        var sockets = new LinkedHashMap<String, RealtimeClient>();
        try {
            sockets.put("ada@a#1", live(a, "member", ada));
            sockets.put("ada@a#2", live(a, "member", ada));
            sockets.put("ada@b#1", live(b, "member", ada));
            sockets.put("bea@a#1", live(a, "companion", bea));
            sockets.put("bea@b#1", live(b, "companion", bea));
            sockets.put("bea@b#2", live(b, "companion", bea));
            sockets.put("eve@a#1", live(a, "member", eve));
            sockets.put("eve@b#1", live(b, "member", eve));
            nodes.awaitConnections(Map.of(ada, new int[] {2, 1}, bea, new int[] {1, 2}, eve, new int[] {1, 1}));

            // twelve messages, sent alternately on both nodes by both sides, and receipts on both nodes
            var adaOnA = as(a, "member", ada);
            var adaOnB = as(b, "member", ada);
            var beaOnA = as(a, "companion", bea);
            var beaOnB = as(b, "companion", bea);
            for (int i = 0; i < 12; i++) {
                var api = switch (i % 4) {
                    case 0 -> adaOnA;
                    case 1 -> beaOnB;
                    case 2 -> adaOnB;
                    default -> beaOnA;
                };
                var sent = api.post("/api/v1/conversations/" + conversation + "/messages",
                        Map.of("clientMessageId", "m" + i, "text", "message " + i));
                assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
                assertThat(sent.body().get("seq").asLong()).isEqualTo(i + 2);
            }
            assertThat(beaOnB.post("/api/v1/conversations/" + conversation + "/receipts",
                    Map.of("deliveredUpTo", 13, "readUpTo", 11)).status()).isEqualTo(200);
            assertThat(adaOnA.post("/api/v1/conversations/" + conversation + "/receipts",
                    Map.of("readUpTo", 13)).status()).isEqualTo(200);

            // 12 message frames, 12 + 2 conversation frames and 2 receipt frames to each connection of both
            var received = new LinkedHashMap<String, Received>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            sockets.forEach((name, socket) -> received.put(name, new Received(name, new ArrayList<>())));
            while (System.nanoTime() < deadline && received.entrySet().stream()
                    .anyMatch(entry -> !entry.getKey().startsWith("eve") && entry.getValue().frames().size() < 28)) {
                sockets.forEach((name, socket) -> received.get(name).frames().addAll(socket.drain()));
                sleep(Duration.ofMillis(100));
            }
            sleep(Duration.ofMillis(700)); // anything more (a duplicate) would come now
            sockets.forEach((name, socket) -> received.get(name).frames().addAll(socket.drain()));

            List<Long> seqs = LongStream.rangeClosed(2, 13).boxed().toList();
            for (Received one : received.values()) {
                if (one.name().startsWith("eve")) {
                    assertThat(one.frames()).as(one.name()).isEmpty();
                    continue;
                }
                assertThat(one.messageSeqs()).as(one.name() + ": every message once").isEqualTo(seqs);
                assertThat(one.of("conversation")).as(one.name()).hasSize(14)
                        .allSatisfy(frame -> assertThat(frame.get("conversation").get("conversationId").asString())
                                .isEqualTo(conversation));
                assertThat(one.of("receipt")).as(one.name()).hasSize(2);
                assertThat(one.frames()).as(one.name()).hasSize(28);
            }
            // the connections of one user got the very same frames; each side sees itself as "my"
            for (String user : List.of("ada", "bea")) {
                var mine = received.values().stream().filter(one -> one.name().startsWith(user)).toList();
                for (Received one : mine) {
                    assertThat(one.sortedText()).as(one.name()).isEqualTo(mine.getFirst().sortedText());
                }
            }
            JsonNode lastForAda = newest(received.get("ada@b#1").of("conversation"));
            assertThat(lastForAda.get("unreadCount").asLong()).isZero();
            assertThat(lastForAda.get("otherReceipts").get("readUpTo").asLong()).isEqualTo(11);
            JsonNode lastForBea = newest(received.get("bea@a#1").of("conversation"));
            assertThat(lastForBea.get("unreadCount").asLong()).isEqualTo(1); // Ada's message at 12
            assertThat(lastForBea.get("myReceipts").get("readUpTo").asLong()).isEqualTo(11);
            assertThat(received.get("bea@b#2").of("receipt")).anySatisfy(frame -> {
                assertThat(frame.get("userId").asString()).isEqualTo(ada);
                assertThat(frame.get("readUpTo").asLong()).isEqualTo(13);
            });
        } finally {
            sockets.values().forEach(RealtimeClient::close);
        }
    }

    @Test
    void typingReachesTheOtherParticipantsConnectionsOnBothNodesOnceEveryTwoSecondsAndIsNeverStored() {
        HearthNode a = nodes.a;
        HearthNode b = nodes.b;
        String ada = nodes.member("Ada", 1000);
        String bea = nodes.companion("Bea");
        String eve = nodes.member("Eve", 10);
        String conversation = nodes.open(ada, bea, "Hello Bea");
        String adasChanges = as(a, "member", ada).get("/api/v1/me/conversations").body().get("changesCursor")
                .asString();
        String beasChanges = as(b, "companion", bea).get("/api/v1/me/conversations").body().get("changesCursor")
                .asString();
        try (var adaA = live(a, "member", ada);
             var adaB = live(b, "member", ada);
             var beaA = live(a, "companion", bea);
             var beaB = live(b, "companion", bea);
             var eveA = live(a, "member", eve)) {
            nodes.awaitConnections(Map.of(ada, new int[] {1, 1}, bea, new int[] {1, 1}, eve, new int[] {1, 0}));
            List<RealtimeClient> everyone = List.of(adaA, adaB, beaA, beaB, eveA);

            // Ada types on node A, five times in a row: Bea's two connections get one typing frame, Ada's none
            Instant before = Instant.now();
            for (int i = 0; i < 5; i++) {
                adaA.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
            }
            for (RealtimeClient bea1 : List.of(beaA, beaB)) {
                JsonNode typing = bea1.next(PATIENCE);
                assertThat(typing).isNotNull();
                assertThat(typing.get("type").asString()).isEqualTo("typing");
                assertThat(typing.get("conversationId").asString()).isEqualTo(conversation);
                assertThat(typing.get("userId").asString()).isEqualTo(ada);
                assertThat(typing.get("role").asString()).isEqualTo("member");
                assertThat(typing.get("stopped").asBoolean()).isFalse();
                Instant expiresAt = Instant.parse(typing.get("expiresAt").asString());
                assertThat(expiresAt).isBetween(before.plusSeconds(5), Instant.now().plusSeconds(7));
            }
            sleep(Duration.ofMillis(800));
            for (RealtimeClient one : everyone) {
                assertThat(one.drain()).as("repeats within 2 s are left out; the sender hears nothing").isEmpty();
            }

            // Bea answers on node B; then stops: Ada's two connections get both, Bea's nothing
            beaB.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
            beaB.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"stopped\":true}");
            beaB.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"stopped\":true}");
            for (RealtimeClient ada1 : List.of(adaA, adaB)) {
                JsonNode started = ada1.next(PATIENCE);
                JsonNode stopped = ada1.next(PATIENCE);
                assertThat(started.get("userId").asString()).isEqualTo(bea);
                assertThat(started.get("role").asString()).isEqualTo("companion");
                assertThat(started.get("stopped").asBoolean()).isFalse();
                assertThat(stopped.get("type").asString()).isEqualTo("typing");
                assertThat(stopped.get("stopped").asBoolean()).isTrue();
            }

            // more than 2 s after Ada's first (on the same node), her next one goes out again
            sleep(Duration.ofMillis(2_000));
            adaA.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
            for (RealtimeClient bea1 : List.of(beaA, beaB)) {
                JsonNode typing = bea1.next(PATIENCE);
                assertThat(typing.get("userId").asString()).isEqualTo(ada);
            }

            // anyone else, or an unknown conversation: an error, and nothing sent to anybody
            eveA.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
            JsonNode refused = eveA.next(PATIENCE);
            assertThat(refused.get("type").asString()).isEqualTo("error");
            assertThat(refused.get("code").asString()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(refused.get("conversationId").asString()).isEqualTo(conversation);
            String unknown = id("no-such-conversation");
            adaA.send("{\"type\":\"typing\",\"conversationId\":\"" + unknown + "\"}");
            assertThat(adaA.next(PATIENCE).get("code").asString()).isEqualTo("CONVERSATION_NOT_FOUND");
            adaA.send("{\"type\":\"typing\"}");
            assertThat(adaA.next(PATIENCE).get("code").asString()).isEqualTo("MESSAGE_INVALID");
            adaA.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"stopped\":\"yes\"}");
            assertThat(adaA.next(PATIENCE).get("code").asString()).isEqualTo("MESSAGE_INVALID");

            // a flood: beyond a burst of five (and five a second), typing messages are dropped unanswered
            sleep(Duration.ofMillis(1_100));
            for (int i = 0; i < 40; i++) {
                eveA.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
            }
            sleep(Duration.ofMillis(700));
            List<JsonNode> answers = eveA.drain();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.get("code").asString())
                    .isEqualTo("CONVERSATION_NOT_FOUND"));
            assertThat(answers.size()).as("answers to a flood of 40").isBetween(5, 12);
            // the connection is still open and answers pings
            eveA.send("{\"type\":\"ping\"}");
            assertThat(eveA.next(PATIENCE).get("type").asString()).isEqualTo("pong");
            sleep(Duration.ofMillis(300));
            for (RealtimeClient one : List.of(adaB, beaA, beaB)) {
                assertThat(one.drain()).isEmpty();
            }

            // never stored: no conversation changed for either participant, nothing in the database changed
            assertThat(as(a, "member", ada).get("/api/v1/me/conversations?changedSince=" + adasChanges).body()
                    .get("items")).isEmpty();
            assertThat(as(b, "companion", bea).get("/api/v1/me/conversations?changedSince=" + beasChanges).body()
                    .get("items")).isEmpty();
        }
    }

    private static JsonNode newest(List<JsonNode> conversationFrames) {
        return conversationFrames.stream().map(frame -> frame.get("conversation"))
                .max(java.util.Comparator.comparingLong((JsonNode view) -> view.get("lastSeq").asLong())
                        .thenComparingLong(view -> view.get("myReceipts").get("readUpTo").asLong()
                                + view.get("otherReceipts").get("readUpTo").asLong()))
                .orElseThrow();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
