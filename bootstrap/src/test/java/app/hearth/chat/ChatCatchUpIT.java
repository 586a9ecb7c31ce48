package app.hearth.chat;

import static app.hearth.chat.ChatNodes.as;
import static app.hearth.chat.ChatNodes.live;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A client that misses frames converges (issue 16 point 6). Two devices (a member's and a companion's) keep their
 * own picture of their chats (per conversation: the messages by sequence, their own and the other side's receipts,
 * unread counted from those) from the frames of two Redis nodes, while both sides of three conversations send
 * messages and receipts concurrently on both nodes. Each device drops frames at random (seeded) and is disconnected
 * and reconnected to the other node mid-stream. At the end it catches up with
 * {@code GET /api/v1/me/conversations?changedSince=C} and {@code GET …/messages?after=N}, and its picture equals the
 * server's exactly: every message once and in order, the receipts, the unread counts. Before the catch-up it does not
 * (the drops did lose something).
 */
class ChatCatchUpIT {

    static final int MESSAGES_PER_SENDER = 20;
    static final double DROP_RATE = 0.5;

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

    /** A message as a client keeps it. */
    record Msg(long seq, String messageId, String senderId, String text) {
        static Msg of(JsonNode message) {
            return new Msg(message.get("seq").asLong(), message.get("messageId").asString(),
                    message.get("senderId").asString(), message.get("text").asString());
        }
    }

    /** A conversation as a client sees it; {@code otherRead} null while the other side does not share it. */
    record ConversationState(List<Msg> messages, long lastSeq, long unread, long myDelivered, long myRead,
                             long otherDelivered, Long otherRead) {
    }

    /** What a device knows of one conversation; only moves forward, whatever the order things arrive in. */
    static final class Known {
        final TreeMap<Long, Msg> messages = new TreeMap<>();
        long lastSeq;
        long myDelivered;
        long myRead;
        long otherDelivered;
        Long otherRead;

        void message(Msg message) {
            Msg before = messages.putIfAbsent(message.seq(), message);
            assertThat(before == null || before.equals(message)).as("two messages at %d: %s, %s", message.seq(),
                    before, message).isTrue();
            lastSeq = Math.max(lastSeq, message.seq());
        }

        /** The highest sequence up to which nothing is missing. */
        long contiguous() {
            long seq = 0;
            while (messages.containsKey(seq + 1)) {
                seq++;
            }
            return seq;
        }

        ConversationState state(String me) {
            long unread = messages.tailMap(myRead, false).values().stream()
                    .filter(message -> !message.senderId().equals(me)).count();
            return new ConversationState(List.copyOf(messages.values()), lastSeq, unread, myDelivered, myRead,
                    otherDelivered, otherRead);
        }
    }

    /**
     * One device of one user: a live connection whose frames it applies (dropping some at random), and a catch-up
     * over REST from its last changes cursor.
     */
    static final class Device {
        final String userId;
        final String role;
        final Random random;
        final Map<String, Known> known = new HashMap<>();
        final Map<String, Integer> droppedByType = new HashMap<>();
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger lostOnReconnect = new AtomicInteger();
        volatile long lastFrameAt = System.nanoTime();
        volatile Throwable failed;
        /** While set, every frame is dropped (the connection is there, the app misses what comes). */
        volatile boolean droppingAll;
        Api api;
        String changesCursor;
        RealtimeClient socket;
        Thread reader;
        volatile boolean reading;

        Device(String userId, String role, long seed) {
            this.userId = userId;
            this.role = role;
            this.random = new Random(seed);
        }

        /** Connects to {@code node} first, then reads its whole picture as the app does on start. */
        void start(HearthNode node) {
            connect(node);
            String cursor = null;
            String changes = null;
            do {
                var page = api.get("/api/v1/me/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).isEqualTo(200);
                page.body().get("items").forEach(this::view);
                changes = changes == null ? page.body().get("changesCursor").asString() : changes;
                cursor = text(page.body().get("nextCursor"));
            } while (cursor != null);
            synchronized (this) {
                changesCursor = changes;
            }
            fetchMissingMessages();
        }

        void connect(HearthNode node) {
            api = as(node, role, userId);
            socket = RealtimeClient.withHeader(node.port(), api.token());
            reading = true;
            reader = Thread.ofVirtual().start(() -> {
                while (reading) {
                    JsonNode frame = socket.next(Duration.ofMillis(100));
                    if (frame != null) {
                        lastFrameAt = System.nanoTime();
                        try {
                            receive(frame);
                        } catch (Throwable failure) {
                            failed = failure;
                        }
                    }
                }
            });
        }

        /** Drops the connection (what it had not read yet is lost), waits a little, connects to {@code node}. */
        void reconnect(HearthNode node) throws InterruptedException {
            reading = false;
            reader.join();
            socket.close();
            lostOnReconnect.addAndGet(socket.drain().size());
            Thread.sleep(300); // frames sent meanwhile are lost
            connect(node);
            catchUp();
        }

        void stop() throws InterruptedException {
            reading = false;
            if (reader != null) {
                reader.join();
            }
            if (socket != null) {
                socket.close();
            }
        }

        private void receive(JsonNode frame) {
            String type = frame.get("type").asString();
            if (droppingAll || random.nextDouble() < DROP_RATE) {
                synchronized (this) {
                    droppedByType.merge(type, 1, Integer::sum);
                }
                return;
            }
            applied.incrementAndGet();
            switch (type) {
                case "message" -> message(frame);
                case "receipt" -> receipt(frame);
                case "conversation" -> view(frame.get("conversation"));
                default -> throw new AssertionError("an unexpected frame: " + frame);
            }
        }

        synchronized void message(JsonNode message) {
            known.computeIfAbsent(message.get("conversationId").asString(), id -> new Known())
                    .message(Msg.of(message));
        }

        synchronized void receipt(JsonNode receipt) {
            Known conversation = known.computeIfAbsent(receipt.get("conversationId").asString(), id -> new Known());
            long delivered = receipt.get("deliveredUpTo").asLong();
            Long read = number(receipt.get("readUpTo"));
            if (receipt.get("userId").asString().equals(userId)) {
                conversation.myDelivered = Math.max(conversation.myDelivered, delivered);
                conversation.myRead = Math.max(conversation.myRead, read == null ? 0 : read);
            } else {
                conversation.otherDelivered = Math.max(conversation.otherDelivered, delivered);
                if (read != null) {
                    conversation.otherRead = conversation.otherRead == null ? read
                            : Math.max(conversation.otherRead, read);
                }
            }
        }

        /** A conversation as the server showed it (a frame, a list, a catch-up): merged forward. */
        synchronized void view(JsonNode view) {
            Known conversation = known.computeIfAbsent(view.get("conversationId").asString(), id -> new Known());
            conversation.lastSeq = Math.max(conversation.lastSeq, view.get("lastSeq").asLong());
            if (view.get("lastMessage") != null && !view.get("lastMessage").isNull()) {
                conversation.message(Msg.of(view.get("lastMessage")));
            }
            JsonNode mine = view.get("myReceipts");
            conversation.myDelivered = Math.max(conversation.myDelivered, mine.get("deliveredUpTo").asLong());
            conversation.myRead = Math.max(conversation.myRead, mine.get("readUpTo").asLong());
            JsonNode theirs = view.get("otherReceipts");
            conversation.otherDelivered = Math.max(conversation.otherDelivered, theirs.get("deliveredUpTo").asLong());
            Long read = number(theirs.get("readUpTo"));
            if (read != null) {
                conversation.otherRead = conversation.otherRead == null ? read : Math.max(conversation.otherRead, read);
            }
        }

        /** The conversations changed since the last cursor, then every conversation's missing messages. */
        void catchUp() {
            String cursor;
            synchronized (this) {
                cursor = changesCursor;
            }
            while (true) {
                var page = api.get("/api/v1/me/conversations?limit=2&changedSince=" + cursor);
                assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
                page.body().get("items").forEach(this::view);
                String next = text(page.body().get("nextCursor"));
                cursor = page.body().get("changesCursor").asString();
                if (next == null) {
                    break;
                }
                cursor = next;
            }
            synchronized (this) {
                changesCursor = cursor;
            }
            fetchMissingMessages();
        }

        private void fetchMissingMessages() {
            List<String> ids;
            synchronized (this) {
                ids = List.copyOf(known.keySet());
            }
            for (String conversationId : ids) {
                while (true) {
                    long after;
                    long last;
                    synchronized (this) {
                        after = known.get(conversationId).contiguous();
                        last = known.get(conversationId).lastSeq;
                    }
                    if (after >= last) {
                        break;
                    }
                    var page = api.get("/api/v1/conversations/" + conversationId + "/messages?limit=7&after=" + after);
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.body().get("items")).as("messages after %d of %d", after, last).isNotEmpty();
                    page.body().get("items").forEach(this::message);
                }
            }
        }

        synchronized Map<String, ConversationState> state() {
            var state = new HashMap<String, ConversationState>();
            known.forEach((id, conversation) -> state.put(id, conversation.state(userId)));
            return state;
        }

        synchronized int dropped() {
            return droppedByType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void aDeviceThatDropsFramesAndReconnectsMidStreamConvergesOnTheServersStateByCatchingUp() throws Exception {
        HearthNode a = nodes.a;
        HearthNode b = nodes.b;
        String ada = nodes.member("Ada", 100_000);
        String dan = nodes.member("Dan", 100_000, false); // hides his read receipts from his companion
        String bea = nodes.companion("Bea");
        String cat = nodes.companion("Cat");
        String adaBea = nodes.open(ada, bea, "Hello Bea");
        String adaCat = nodes.open(ada, cat, "Hello Cat");
        String danBea = nodes.open(dan, bea, "Hello Bea, Dan here");

        var adasPhone = new Device(ada, "member", 16);
        var beasTablet = new Device(bea, "companion", 61);
        adasPhone.start(a);
        beasTablet.start(b);
        nodes.awaitConnections(Map.of(ada, new int[] {1, 0}, bea, new int[] {0, 1}));
        assertThat(adasPhone.state().keySet()).containsExactlyInAnyOrder(adaBea, adaCat);
        assertThat(beasTablet.state().keySet()).containsExactlyInAnyOrder(adaBea, danBea);

        // both sides of three conversations write at once, on both nodes, with receipts now and then
        record Sender(String userId, String role, String conversationId) {
        }
        var senders = List.of(new Sender(ada, "member", adaBea), new Sender(bea, "companion", adaBea),
                new Sender(ada, "member", adaCat), new Sender(cat, "companion", adaCat),
                new Sender(dan, "member", danBea), new Sender(bea, "companion", danBea));
        var sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            var work = new ArrayList<Future<Integer>>();
            for (int s = 0; s < senders.size(); s++) {
                Sender sender = senders.get(s);
                var onA = as(a, sender.role(), sender.userId());
                var onB = as(b, sender.role(), sender.userId());
                var random = new Random(100 + s);
                String name = "s" + s;
                work.add(pool.submit((Callable<Integer>) () -> {
                    int created = 0;
                    for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                        Api api = random.nextBoolean() ? onA : onB;
                        var response = api.post("/api/v1/conversations/" + sender.conversationId() + "/messages",
                                Map.of("clientMessageId", name + "-" + i, "text", name + " says " + i));
                        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
                        created++;
                        sent.incrementAndGet();
                        if (i % 4 == 3) {
                            long seq = response.body().get("seq").asLong();
                            var receipt = (random.nextBoolean() ? onA : onB).post("/api/v1/conversations/"
                                    + sender.conversationId() + "/receipts",
                                    Map.of("deliveredUpTo", seq, "readUpTo", seq - random.nextInt(2)));
                            assertThat(receipt.status()).as(receipt.raw().body()).isEqualTo(200);
                        }
                        Thread.sleep(random.nextInt(40));
                    }
                    return created;
                }));
            }
            // mid-stream, each device loses its connection and comes back on the other node, catching up there
            awaitSent(sent, senders.size() * MESSAGES_PER_SENDER / 3);
            adasPhone.reconnect(b);
            awaitSent(sent, senders.size() * MESSAGES_PER_SENDER * 2 / 3);
            beasTablet.reconnect(a);
            for (var done : work) {
                assertThat(done.get()).isEqualTo(MESSAGES_PER_SENDER);
            }
            // and a last message in each conversation whose frames both devices miss: whatever the random drops
            // left, neither device can know it without catching up
            adasPhone.droppingAll = true;
            beasTablet.droppingAll = true;
            for (int s = 0; s < senders.size(); s += 2) {
                Sender sender = senders.get(s);
                var last = as(a, sender.role(), sender.userId()).post("/api/v1/conversations/"
                        + sender.conversationId() + "/messages", Map.of("clientMessageId", "last-" + s,
                        "text", "the last word"));
                assertThat(last.status()).as(last.raw().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Device device : List.of(adasPhone, beasTablet)) {
            awaitQuiet(device);
        }

        for (Device device : List.of(adasPhone, beasTablet)) {
            Map<String, ConversationState> server = serverState(a, device.userId, device.role);
            assertThat(server.values()).allSatisfy(conversation -> {
                assertThat(conversation.messages()).hasSize(2 + 2 * MESSAGES_PER_SENDER);
                assertThat(conversation.messages().stream().map(Msg::seq).toList())
                        .isEqualTo(LongStream.rangeClosed(1, 2 + 2 * MESSAGES_PER_SENDER).boxed().toList());
                assertThat(new HashSet<>(conversation.messages().stream().map(Msg::messageId).toList()))
                        .hasSize(conversation.messages().size());
            });
            // the drops did lose something: frames of every kind were dropped, and the picture is not the server's
            assertThat(device.droppedByType).as(device.userId + " dropped").containsKeys("message", "receipt",
                    "conversation");
            assertThat(device.failed).as("a frame that did not fit").isNull();
            Map<String, ConversationState> beforeCatchUp = device.state();
            assertThat(beforeCatchUp).as(device.userId + " before catching up").isNotEqualTo(server);
            long missing = server.keySet().stream().mapToLong(id -> server.get(id).messages().size()
                    - (beforeCatchUp.containsKey(id) ? beforeCatchUp.get(id).messages().size() : 0)).sum();

            device.catchUp();
            Map<String, ConversationState> caughtUp = device.state();
            assertThat(caughtUp).as("%s after catching up (%d frames applied, %d dropped, %d lost on reconnect, %d "
                            + "messages were missing)", device.userId, device.applied.get(), device.dropped(),
                    device.lostOnReconnect.get(), missing).isEqualTo(server);
            device.stop();
        }
        // Dan hides his read receipts: Bea's picture has none of his reads, as the server's
        assertThat(beasTablet.state().get(danBea).otherRead()).isNull();
        assertThat(beasTablet.state().get(adaBea).otherRead()).isNotNull();
    }

    /** The server's picture for {@code userId}: every conversation, every message, receipts and unread counts. */
    static Map<String, ConversationState> serverState(HearthNode node, String userId, String role) {
        Api api = as(node, role, userId);
        var state = new HashMap<String, ConversationState>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/me/conversations" + (cursor == null ? "" : "?cursor=" + cursor)).body();
            for (JsonNode view : page.get("items")) {
                String id = view.get("conversationId").asString();
                var messages = new ArrayList<Msg>();
                boolean more = true;
                while (more) {
                    long after = messages.isEmpty() ? 0 : messages.getLast().seq();
                    var found = api.get("/api/v1/conversations/" + id + "/messages?limit=200&after=" + after).body();
                    found.get("items").forEach(message -> messages.add(Msg.of(message)));
                    more = found.get("hasMore").asBoolean();
                }
                JsonNode mine = view.get("myReceipts");
                JsonNode theirs = view.get("otherReceipts");
                state.put(id, new ConversationState(List.copyOf(messages), view.get("lastSeq").asLong(),
                        view.get("unreadCount").asLong(), mine.get("deliveredUpTo").asLong(),
                        mine.get("readUpTo").asLong(), theirs.get("deliveredUpTo").asLong(),
                        number(theirs.get("readUpTo"))));
            }
            cursor = text(page.get("nextCursor"));
        } while (cursor != null);
        return state;
    }

    static void awaitSent(AtomicInteger sent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sent.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Until the device heard no frame for a second (at most 15 s). */
    static void awaitQuiet(Device device) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() - device.lastFrameAt < Duration.ofSeconds(1).toNanos()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static Long number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
