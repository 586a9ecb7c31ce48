package app.hearth.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.realtime.frames.FanOutPeers;
import app.hearth.adapters.realtime.frames.LocalUserFrames;
import app.hearth.adapters.realtime.redis.RedisFrames;
import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.calls.CallSignal;
import app.hearth.application.calls.CallSignals;
import app.hearth.application.realtime.UserFrames;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.RealtimeClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Frames between nodes over Redis (adr/0046): two nodes with {@code hearth.realtime.fan-out=redis} on the real Redis
 * at 127.0.0.1:6379 (on a channel of this run's own), on this run's database. Every frame sent through either
 * node's {@code UserFrames} reaches every connection of its users on both nodes exactly once, in the sender's order,
 * and nobody else's; call signals take the same way; Redis going away never makes a send throw or wait, and the
 * subscription comes back by itself. The default ({@code local}) never contacts Redis and still delivers on its node.
 */
class RedisFanOutIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHANNEL = "hearth:frames:it-" + RUN;

    /** A frame of any feature: a record that names its own type. */
    record Probe(String type, int seq, String from) {
    }

    static HearthNode nodeA;
    static HearthNode nodeB;

    @BeforeAll
    static void startTwoRedisNodes() {
        nodeA = redisNode("a").start();
        nodeB = redisNode("b").start();
        awaitSubscribed();
    }

    @AfterAll
    static void stopThem() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    private static HearthNode redisNode(String name) {
        return HearthNode.onTestDatabase().withWebServer().unthrottled().with("--hearth.realtime.fan-out=redis",
                "--hearth.realtime.redis.channel=" + CHANNEL, "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6379", "--spring.data.redis.client-name=" + clientName(name));
    }

    private static String clientName(String node) {
        return "hearth-it-" + RUN + "-" + node;
    }

    private static void awaitSubscribed() {
        await().atMost(PATIENCE).until(() -> nodeA.bean(RedisFrames.class).subscribed()
                && nodeB.bean(RedisFrames.class).subscribed());
    }

    @Test
    void fiveHundredFramesFromBothNodesReachEverySocketOfTheirUsersOnBothNodesExactlyOnceAndNobodyElse() {
        String onlyA1 = user("only-a1");
        String onlyA2 = user("only-a2");
        String onlyB1 = user("only-b1");
        String onlyB2 = user("only-b2");
        String both = user("both");
        String many = user("many");
        String bystander = user("bystander");
        String offline = user("offline");
        List<String> addressable = List.of(onlyA1, onlyA2, onlyB1, onlyB2, both, many, offline);

        var sockets = new LinkedHashMap<String, RealtimeClient>(); // "user@node#n" -> socket
        var socketUser = new HashMap<String, String>();
        try {
            open(sockets, socketUser, onlyA1, nodeA, "a", 1);
            open(sockets, socketUser, onlyA2, nodeA, "a", 1);
            open(sockets, socketUser, onlyB1, nodeB, "b", 1);
            open(sockets, socketUser, onlyB2, nodeB, "b", 1);
            open(sockets, socketUser, both, nodeA, "a", 1);
            open(sockets, socketUser, both, nodeB, "b", 1);
            open(sockets, socketUser, many, nodeA, "a", 2);
            open(sockets, socketUser, many, nodeB, "b", 1);
            open(sockets, socketUser, bystander, nodeA, "a", 1);
            open(sockets, socketUser, bystander, nodeB, "b", 1);
            RealtimeSessions sessionsA = nodeA.bean(RealtimeSessions.class);
            RealtimeSessions sessionsB = nodeB.bean(RealtimeSessions.class);
            await().atMost(PATIENCE).until(() -> sessionsA.connections(many) == 2 && sessionsB.connections(many) == 1
                    && sessionsA.connections(bystander) == 1 && sessionsB.connections(bystander) == 1
                    && sessionsA.connections(onlyA1) == 1 && sessionsA.connections(onlyA2) == 1
                    && sessionsB.connections(onlyB1) == 1 && sessionsB.connections(onlyB2) == 1
                    && sessionsA.connections(both) == 1 && sessionsB.connections(both) == 1);
            double publishedBefore = counter(nodeA, "hearth.realtime.fanout.published")
                    + counter(nodeB, "hearth.realtime.fanout.published");
            double receivedBefore = counter(nodeA, "hearth.realtime.fanout.received")
                    + counter(nodeB, "hearth.realtime.fanout.received");
            double droppedBefore = dropped(nodeA) + dropped(nodeB);

            // 500 frames, each to a random handful of the addressable users, half sent on A and half on B
            var random = new Random(46);
            var expected = new HashMap<String, List<String>>(); // user -> "from:seq" in the sender's order
            UserFrames framesA = nodeA.bean(UserFrames.class);
            UserFrames framesB = nodeB.bean(UserFrames.class);
            for (int seq = 0; seq < 500; seq++) {
                var to = new ArrayList<String>();
                for (String candidate : addressable) {
                    if (random.nextInt(3) == 0) {
                        to.add(candidate);
                    }
                }
                if (to.isEmpty()) {
                    to.add(addressable.get(seq % addressable.size()));
                }
                String from = seq % 2 == 0 ? "a" : "b";
                (from.equals("a") ? framesA : framesB).send(to, new Probe("probe", seq, from));
                for (String user : to) {
                    expected.computeIfAbsent(user, ignored -> new ArrayList<>()).add(from + ":" + seq);
                }
            }

            var received = new HashMap<String, List<String>>();
            sockets.keySet().forEach(socket -> received.put(socket, new ArrayList<>()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline && !allIn(received, socketUser, expected)) {
                collect(sockets, received, Duration.ofMillis(100));
            }
            collect(sockets, received, Duration.ofSeconds(1)); // anything extra would come now

            for (var socket : sockets.keySet()) {
                String user = socketUser.get(socket);
                List<String> mine = expected.getOrDefault(user, List.of());
                List<String> got = received.get(socket);
                assertThat(got).as("frames on socket %s", socket).hasSameSizeAs(mine)
                        .containsExactlyInAnyOrderElementsOf(mine);
                for (String from : List.of("a", "b")) {
                    assertThat(got.stream().filter(frame -> frame.startsWith(from + ":")).toList())
                            .as("frames from node %s on socket %s, in the sender's order", from, socket)
                            .containsExactlyElementsOf(mine.stream().filter(f -> f.startsWith(from + ":")).toList());
                }
            }
            assertThat(received.get(bystander + "@a#1")).isEmpty();
            assertThat(received.get(bystander + "@b#1")).isEmpty();
            assertThat(expected.get(many)).isNotEmpty();
            assertThat(expected.get(onlyB1)).isNotEmpty();

            // every frame was published once (whoever it was for) and the other node received each once
            assertThat(counter(nodeA, "hearth.realtime.fanout.published")
                    + counter(nodeB, "hearth.realtime.fanout.published") - publishedBefore).isEqualTo(500);
            assertThat(counter(nodeA, "hearth.realtime.fanout.received")
                    + counter(nodeB, "hearth.realtime.fanout.received") - receivedBefore).isEqualTo(500);
            assertThat(dropped(nodeA) + dropped(nodeB) - droppedBefore).isZero();
        } finally {
            sockets.values().forEach(RealtimeClient::close);
        }
    }

    @Test
    void callSignalsTakeTheSameWayAndNoneGoesThroughNotify() {
        String member = user("signals");
        assertThat(nodeA.bean(CallSignals.class).getClass().getSimpleName()).isEqualTo("FannedOutCallSignals");
        try (var onA = RealtimeClient.withHeader(nodeA.port(), token(nodeA, member));
             var onB = RealtimeClient.withQueryToken(nodeB.port(), token(nodeB, member))) {
            await().atMost(PATIENCE).until(() -> nodeA.bean(RealtimeSessions.class).connections(member) == 1
                    && nodeB.bean(RealtimeSessions.class).connections(member) == 1);
            double notifiedBefore = counter(nodeA, "hearth.notify.published");

            nodeA.bean(CallSignals.class).send(member, new CallSignal.Declined("call-r", Instant.parse(
                    "2026-12-07T12:00:00Z")));

            for (var client : List.of(onA, onB)) {
                JsonNode message = client.next(PATIENCE);
                assertThat(message).isNotNull();
                assertThat(message.get("type").asString()).isEqualTo("declined");
                assertThat(message.get("callId").asString()).isEqualTo("call-r");
            }
            assertThat(onA.next(Duration.ofSeconds(1))).isNull();
            assertThat(onB.drain()).isEmpty();
            // the liveness board's 2 s shares may notify meanwhile; a signal adds nothing there when idle
            assertThat(counter(nodeA, "hearth.notify.published") - notifiedBefore).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void connectionsKilledByRedisAreRenewedAndSendingNeverThrowsNorWaitsMeanwhile() throws IOException {
        String member = user("killed");
        try (var onB = RealtimeClient.withHeader(nodeB.port(), token(nodeB, member))) {
            await().atMost(PATIENCE).until(() -> nodeB.bean(RealtimeSessions.class).connections(member) == 1);
            UserFrames framesA = nodeA.bean(UserFrames.class);
            framesA.send(List.of(member), new Probe("probe", -1, "a"));
            assertThat(onB.next(PATIENCE)).isNotNull();

            // Redis drops every connection of both nodes: the publishers' and the subscriptions'
            int killed = killClients(clientName("a")) + killClients(clientName("b"));
            assertThat(killed).isGreaterThanOrEqualTo(4);

            // sends go on at once; once Lettuce is back (subscription included) frames reach B again
            var sent = new AtomicInteger();
            long slowest = 0;
            JsonNode arrived = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (arrived == null && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                framesA.send(List.of(member), new Probe("probe", sent.getAndIncrement(), "a"));
                slowest = Math.max(slowest, System.nanoTime() - started);
                arrived = onB.next(Duration.ofMillis(200));
            }
            assertThat(arrived).as("a frame reached node B after Redis dropped the connections").isNotNull();
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(50));
            onB.next(Duration.ofMillis(500));
            onB.drain();

            for (int seq = 1000; seq < 1100; seq++) {
                framesA.send(List.of(member), new Probe("probe", seq, "a"));
            }
            var after = new ArrayList<Integer>();
            while (after.size() < 100) {
                JsonNode message = onB.next(PATIENCE);
                assertThat(message).as("frame %s after the renewal", 1000 + after.size()).isNotNull();
                after.add(message.get("seq").asInt());
            }
            assertThat(after).isEqualTo(java.util.stream.IntStream.range(1000, 1100).boxed().toList());
        }
    }

    @Test
    void aRedisNodeWithoutRedisStartsAndItsSendsNeitherThrowNorWaitAndStillReachItsOwnConnections()
            throws IOException {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long starting = System.nanoTime();
        try (var nodeC = HearthNode.onTestDatabase().withWebServer().unthrottled().with(
                "--hearth.realtime.fan-out=redis", "--hearth.realtime.redis.channel=" + CHANNEL,
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + closed).start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - starting)).isLessThan(Duration.ofSeconds(90));
            assertThat(nodeC.bean(RedisFrames.class).subscribed()).isFalse();
            String member = user("no-redis");
            try (var onC = RealtimeClient.withHeader(nodeC.port(), token(nodeC, member))) {
                await().atMost(PATIENCE).until(() -> nodeC.bean(RealtimeSessions.class).connections(member) == 1);
                UserFrames frames = nodeC.bean(UserFrames.class);
                CallSignals signals = nodeC.bean(CallSignals.class);
                long started = System.nanoTime();
                for (int seq = 0; seq < 2000; seq++) {
                    frames.send(List.of(member), new Probe("probe", seq, "c"));
                }
                signals.send(member, new CallSignal.Declined("call-c", Instant.parse("2026-12-07T12:00:00Z")));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

                var seqs = new ArrayList<Integer>();
                JsonNode message;
                while (seqs.size() < 2000 && (message = onC.next(PATIENCE)) != null) {
                    seqs.add(message.get("seq").asInt());
                }
                assertThat(seqs).isEqualTo(java.util.stream.IntStream.range(0, 2000).boxed().toList());
                assertThat(onC.next(PATIENCE).get("callId").asString()).isEqualTo("call-c");
            }
            await().atMost(PATIENCE).until(() -> dropped(nodeC) >= 2001);
        }
    }

    @Test
    void theDefaultLocalNodeNeverContactsRedisDeliversOnItsNodeAndWarnsOfNodesItCannotReach() throws Exception {
        try (var redisLookalike = new ServerSocket(0)) {
            var accepted = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!redisLookalike.isClosed()) {
                    try (Socket ignored = redisLookalike.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            try (var nodeL = HearthNode.onTestDatabase().withWebServer().unthrottled().with(
                    "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisLookalike.getLocalPort())
                    .start()) {
                assertThat(nodeL.bean(UserFrames.class)).isInstanceOf(LocalUserFrames.class);
                assertThat(nodeL.context().getBeansOfType(RedisFrames.class)).isEmpty();
                String member = user("local");
                String other = user("local-other");
                try (var onL = RealtimeClient.withHeader(nodeL.port(), token(nodeL, member));
                     var otherOnL = RealtimeClient.withHeader(nodeL.port(), token(nodeL, other))) {
                    await().atMost(PATIENCE).until(() -> nodeL.bean(RealtimeSessions.class).connections(member) == 1
                            && nodeL.bean(RealtimeSessions.class).connections(other) == 1);
                    for (int seq = 0; seq < 50; seq++) {
                        nodeL.bean(UserFrames.class).send(List.of(member, member), new Probe("probe", seq, "l"));
                    }
                    var seqs = new ArrayList<Integer>();
                    JsonNode message;
                    while (seqs.size() < 50 && (message = onL.next(PATIENCE)) != null) {
                        seqs.add(message.get("seq").asInt());
                    }
                    assertThat(seqs).isEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
                    assertThat(onL.next(Duration.ofMillis(500))).isNull();
                    assertThat(otherOnL.drain()).isEmpty();
                }
                assertThat(nodeL.api().get("/actuator/health").status()).isEqualTo(200);

                // the local node and the Redis nodes on the same database hear of each other and warn
                String localId = nodeL.bean(PgNotifications.class).nodeId();
                String redisId = nodeA.bean(PgNotifications.class).nodeId();
                await().atMost(PATIENCE).until(() -> nodeL.bean(FanOutPeers.class).outOfReach().contains(redisId)
                        && nodeA.bean(FanOutPeers.class).outOfReach().contains(localId));
                assertThat(nodeA.bean(FanOutPeers.class).outOfReach())
                        .doesNotContain(nodeB.bean(PgNotifications.class).nodeId());
                assertThat(nodeA.bean(FanOutPeers.class).peers())
                        .containsEntry(nodeB.bean(PgNotifications.class).nodeId(), "redis")
                        .containsEntry(localId, "local");
            }
            assertThat(accepted.get()).as("connections the local node opened to Redis").isZero();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private static String user(String name) {
        return "fanout-" + name + "-" + UUID.randomUUID();
    }

    private static String token(HearthNode node, String userId) {
        return Api.at(node.port()).post("/api/v1/dev/tokens", Map.of("userId", userId, "role", "member")).body()
                .get("token").asString();
    }

    private static void open(Map<String, RealtimeClient> sockets, Map<String, String> socketUser, String userId,
                             HearthNode node, String nodeName, int count) {
        for (int n = 1; n <= count; n++) {
            String key = userId + "@" + nodeName + "#" + n;
            sockets.put(key, n % 2 == 1 ? RealtimeClient.withHeader(node.port(), token(node, userId))
                    : RealtimeClient.withQueryToken(node.port(), token(node, userId)));
            socketUser.put(key, userId);
        }
    }

    private static void collect(Map<String, RealtimeClient> sockets, Map<String, List<String>> received,
                                Duration quiet) {
        try {
            Thread.sleep(quiet.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.forEach((socket, client) -> client.drain().forEach(message -> received.get(socket)
                .add(message.get("from").asString() + ":" + message.get("seq").asInt())));
    }

    private static boolean allIn(Map<String, List<String>> received, Map<String, String> socketUser,
                                 Map<String, List<String>> expected) {
        return received.entrySet().stream().allMatch(entry -> entry.getValue().size()
                >= expected.getOrDefault(socketUser.get(entry.getKey()), List.of()).size());
    }

    private static double counter(HearthNode node, String name) {
        var counter = node.bean(MeterRegistry.class).find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double dropped(HearthNode node) {
        return node.bean(MeterRegistry.class).find("hearth.realtime.fanout.dropped").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** Kills, on the real Redis, every connection named {@code name} (one node's); how many it killed. */
    private static int killClients(String name) throws IOException {
        try (var socket = new Socket("127.0.0.1", 6379)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String list = bulk(command(out, in, "CLIENT", "LIST"));
            int killed = 0;
            for (String line : list.split("\n")) {
                if (line.contains(" name=" + name + " ")) {
                    String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
                    String reply = command(out, in, "CLIENT", "KILL", "ID", id).get(0);
                    killed += reply.equals(":1") ? 1 : 0;
                }
            }
            return killed;
        }
    }

    /** Sends one RESP command and reads a simple or bulk reply: its lines, the first being the type line. */
    private static List<String> command(OutputStream out, BufferedReader in, String... words) throws IOException {
        var request = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                    .append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String first = in.readLine();
        var reply = new ArrayList<String>(List.of(first));
        if (first.startsWith("$")) {
            char[] body = new char[Integer.parseInt(first.substring(1))];
            int read = 0;
            while (read < body.length) {
                read += in.read(body, read, body.length - read);
            }
            in.readLine();
            reply.add(new String(body));
        }
        return reply;
    }

    private static String bulk(List<String> reply) {
        return reply.size() > 1 ? reply.get(1) : "";
    }
}
