package app.hearth.benchmark;

import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.benchmark.Harness.Outcome;
import app.hearth.benchmark.Harness.Pair;
import app.hearth.benchmark.Harness.Target;
import app.hearth.benchmark.Harness.Window;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Point 12 of issue 16: chat on one node with {@code bench.pairs} (1,000) member–companion conversations and one
 * WebSocket client per user (2,000), measured against two limits in the same run on the same database and node:
 *
 * <ul>
 *   <li>{@code messages_per_s}: messages accepted per second ({@code 201}: stored, metered, fanned out) through
 *   {@code POST /api/v1/conversations/{id}/messages}, closed loop, ÷ limit (a) of design/benchmarks.md, raw
 *   single-row inserts ({@link EventStoreLimit}, rows copying a stored {@code MessageCharged}); target ratio ≥ 0.3 at
 *   16 senders;</li>
 *   <li>{@code frames_per_s}: frames the 2,000 sockets received per second at that saturation (each message gives 4:
 *   a {@code message} frame and a {@code conversation} frame to each participant) ÷ the same on {@link BareBroadcast},
 *   a bare Spring WebSocket handler driven the same way (HTTP posts from the same senders, the same frames captured
 *   from chat, to the same two recipients, on 2,000 sockets of its own); target ratio ≥ 0.7;</li>
 *   <li>{@code commit_to_client_p99_ms}: open loop at half the 16-sender rate, from the {@code sentAt} the server
 *   stamped inside the sending transaction (before its commit, so an upper bound) to the frame's arrival at each
 *   recipient socket; target ≤ 100 ms. Also {@code send_to_client} (from the moment the request was due) and the
 *   posts' own latency, each beside the bare broadcast run open loop at the same rate.</li>
 * </ul>
 *
 * <p>Members (V1, {@code bench.grant} tokens each, granted up front through {@link Wallets#grant}) and active
 * companions are set up through the API; each sender k of c writes in conversations k, k+c, ... round robin; every
 * fourth message of a conversation is the companion's reply (which credits the companion's earnings), the others the
 * member's (each charged {@code perChatMessage} tokens). The checks at the end: every message stored was received
 * exactly once by both participants' sockets (the codes of its {@code clientMessageId} counted per socket) and no
 * socket closed; every member's wallet was charged exactly once per stored member message ({@code MessageCharged}
 * events, the read model's balance = grant − messages × rate and movements = 1 + messages); every answered member
 * message credited its companion once.
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-chat verify -DskipTests}. Properties: those of {@link
 * BenchSettings} (defaults warm-up 20 s, windows 15 s), {@code bench.pairs} (1000), {@code bench.grant} (10000000),
 * {@code bench.socketThreads} (threads of the WebSocket clients' executor, 4), {@code bench.catchUpTimeout} (s, 300).
 */
public final class ChatBenchmark {

    private static final BenchSettings SETTINGS = BenchSettings.read(20, 15);
    private static final int PAIRS = Math.max(BenchSettings.intProperty("bench.pairs", 1000), 16);
    private static final long GRANT = Long.parseLong(BenchSettings.text("bench.grant", "10000000"));
    private static final int SOCKET_THREADS = BenchSettings.intProperty("bench.socketThreads", 4);
    private static final double CATCH_UP_TIMEOUT_S = BenchSettings.seconds("bench.catchUpTimeout", 300);
    /** Every fourth message of a conversation is the companion's reply. */
    private static final int REPLY_EVERY = 4;
    private static final String MEMBER = "chatbench-m-";
    private static final String COMPANION = "chatbench-c-";
    private static final Actor ADMIN = new Actor("chatbench-admin", Role.ADMIN);
    private static final String PADDING = " — how are you today? The garden is lovely and the tea is warm.";

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
    private final String[] memberTokens = new String[PAIRS];
    private final String[] companionTokens = new String[PAIRS];
    private final String[] conversations = new String[PAIRS];
    private final AtomicIntegerArray pairMessages = new AtomicIntegerArray(PAIRS);
    private final AtomicLong nextId = new AtomicLong();
    private final LongAdder memberAccepted = new LongAdder();
    private final LongAdder companionAccepted = new LongAdder();
    private final Map<Integer, AtomicInteger> limitRuns = new HashMap<>();
    private Harness harness;
    private BenchApp app;
    private int port;
    private long messageRate;
    private EventStoreLimit raw;
    private ChatSockets chat;
    private ChatSockets bare;
    private String bareMessage;
    private String bareConversation;

    private ChatBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_chat", url -> new ChatBenchmark(url).run());
    }

    private int run() throws Exception {
        ExecutorService socketThreads = Executors.newFixedThreadPool(SOCKET_THREADS,
                Thread.ofPlatform().daemon().name("bench-socket-", 0).factory());
        var socketClient = HttpClient.newBuilder().executor(socketThreads).build();
        try (var h = new Harness("chat (issue 16 point 12)", SETTINGS);
             var started = BenchApp.start(url, new Class<?>[] {BareBroadcast.class})) {
            harness = h;
            app = started;
            port = app.port();
            messageRate = app.bean(Catalogs.class).current().catalog().tokenRates().perChatMessage();
            harness.progressDetail(() -> "members_accepted=" + memberAccepted.sum() + " replies_accepted="
                    + companionAccepted.sum() + " chat_frames=" + (chat == null ? 0 : chat.frames.sum())
                    + " bare_frames=" + (bare == null ? 0 : bare.frames.sum()));
            setUp(socketClient);
            raw = new EventStoreLimit(url, BenchDatabase.USER, app.poolSize, PAIRS);
            try {
                Harness.note(raw.copyEvent(app.monitor(), "wallet.MessageCharged"));
                warmUp();
                var medians = harness.sweep(this::limitWindow, this::chatWindow, List.of(
                        new Pair("messages_per_s", "raw_insert_per_s", Target.ratioAtLeast(0.3)),
                        new Pair("frames_per_s", "bare_frames_per_s", Target.ratioAtLeast(0.7)),
                        new Pair("message_p50_ms", "raw_insert_p50_ms", null),
                        new Pair("message_p99_ms", "raw_insert_p99_ms", null),
                        new Pair("post_p99_ms_vs_bare", "bare_post_p99_ms", null),
                        new Pair("frames_per_message", null, null)));
                openLoop(medians.get(SETTINGS.headlineClients()).get("messages_per_s") / 2);
                return harness.finish(check());
            } finally {
                raw.close();
                if (chat != null) {
                    chat.close();
                }
                if (bare != null) {
                    bare.close();
                }
            }
        } finally {
            socketThreads.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ setting up

    /** Members with tokens, active companions, one socket per user, each conversation opened by its member. */
    private void setUp(HttpClient socketClient) throws Exception {
        long began = System.nanoTime();
        String admin = token(ADMIN.userId(), "admin");
        var wallets = app.bean(Wallets.class);
        forEachPair(p -> {
            String member = member(p);
            String companion = companion(p);
            memberTokens[p] = token(member, "member");
            expect(send("PUT", "/api/v1/me/profile", memberTokens[p], "{\"displayName\":\"Member " + p
                    + "\",\"birthYear\":1950,\"languages\":[\"en\"],\"timeZone\":\"Europe/London\"}"), 201);
            wallets.grant(ADMIN, member, "chatbench-grant-" + p, GRANT, "benchmark");
            expect(send("POST", "/api/v1/companions", admin, "{\"userId\":\"" + companion
                    + "\",\"displayName\":\"Companion " + p + "\"}"), 201);
            companionTokens[p] = token(companion, "companion");
            expect(send("PUT", "/api/v1/me/companion-profile", companionTokens[p], "{\"displayName\":\"Companion "
                    + p + "\",\"bio\":\"Likes tea\",\"languages\":[\"en\"],\"gender\":\"female\",\"birthYear\":1970,"
                    + "\"yearsOfExperience\":3,\"timeZone\":\"Europe/London\"}"), 200);
        });
        Harness.note(String.format(Locale.ROOT, "set up %d members (V1, %d tokens each, %d a message) and %d active"
                        + " companions through the API in %.1f s", PAIRS, GRANT, messageRate, PAIRS,
                (System.nanoTime() - began) / 1e9));

        began = System.nanoTime();
        var uris = new ArrayList<URI>();
        var bearers = new ArrayList<String>();
        for (int p = 0; p < PAIRS; p++) {
            uris.add(URI.create("ws://localhost:" + port + "/api/v1/realtime"));
            bearers.add(memberTokens[p]);
            uris.add(URI.create("ws://localhost:" + port + "/api/v1/realtime"));
            bearers.add(companionTokens[p]);
        }
        chat = new ChatSockets(socketClient, uris, bearers, true, true);
        Harness.note(String.format(Locale.ROOT, "%d chat sockets open in %.1f s (%d client threads)", chat.size(),
                (System.nanoTime() - began) / 1e9, SOCKET_THREADS));

        began = System.nanoTime();
        forEachPair(p -> {
            var opened = send("POST", "/api/v1/companions/" + companion(p) + "/messages", memberTokens[p],
                    body("s" + p));
            expect(opened, 201);
            conversations[p] = opened.body().replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
            pairMessages.incrementAndGet(p);
            memberAccepted.increment();
        });
        BenchApp.await("the opening messages' frames", chat.messageFrames::sum, 2L * PAIRS, 60);
        Harness.note(String.format(Locale.ROOT, "%d conversations opened (one member message each, its frames"
                + " received) in %.1f s", PAIRS, (System.nanoTime() - began) / 1e9));

        bareMessage = chat.firstMessageFrame.replaceAll("\"clientMessageId\":\"[^\"]*\"",
                "\"clientMessageId\":\"%ID%\"");
        bareConversation = chat.firstConversationFrame;
        Harness.note("bare broadcast frames: message " + bareMessage.length() + " chars, conversation "
                + bareConversation.length() + " chars, each to both sockets of a pair");
        began = System.nanoTime();
        var bareUris = new ArrayList<URI>();
        for (int i = 0; i < 2 * PAIRS; i++) {
            bareUris.add(URI.create("ws://localhost:" + port + BareBroadcast.SOCKET + "?user=b" + i));
        }
        bare = new ChatSockets(socketClient, bareUris, null, false, false);
        Harness.note(String.format(Locale.ROOT, "%d bare broadcast sockets open in %.1f s", bare.size(),
                (System.nanoTime() - began) / 1e9));
    }

    @FunctionalInterface
    private interface PairWork {
        void run(int pair) throws Exception;
    }

    /** {@code work} for every pair, on 8 virtual threads. */
    private static void forEachPair(PairWork work) throws Exception {
        var next = new AtomicInteger();
        var failures = new ConcurrentLinkedQueue<Exception>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < 8; worker++) {
                executor.submit(() -> {
                    for (int p = next.getAndIncrement(); p < PAIRS && failures.isEmpty(); p = next.getAndIncrement()) {
                        try {
                            work.run(p);
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
    }

    private void warmUp() {
        int clients = Math.min(16, SETTINGS.maxClients());
        Harness.note("warm-up: " + clients + " senders, " + SETTINGS.warmupSeconds() + " s chat, half as long each"
                + " the bare broadcast and the raw inserts");
        harness.closedLoop("warm-up chat", clients, SETTINGS.warmupSeconds(), this::chatMessage);
        harness.closedLoop("warm-up bare", clients, SETTINGS.warmupSeconds() / 2, this::bareBroadcast);
        harness.closedLoop("warm-up raw", clients, SETTINGS.warmupSeconds() / 2, raw::insert);
    }

    // ------------------------------------------------------------------------------------------------ requests

    private static int pairOf(int client, int clients, long iteration) {
        int perClient = Math.max(1, (PAIRS - client + clients - 1) / clients);
        return Math.min(PAIRS - 1, client + (int) (iteration % perClient) * clients);
    }

    private void chatMessage(int client, int clients, long iteration) throws Exception {
        chatMessage(pairOf(client, clients, iteration), "m" + nextId.incrementAndGet());
    }

    /** One message in pair {@code p}'s conversation: the member's, or every fourth time the companion's reply. */
    private void chatMessage(int p, String clientMessageId) throws Exception {
        boolean reply = pairMessages.getAndIncrement(p) % REPLY_EVERY == REPLY_EVERY - 1;
        var response = send("POST", "/api/v1/conversations/" + conversations[p] + "/messages",
                reply ? companionTokens[p] : memberTokens[p], body(clientMessageId));
        expect(response, 201);
        (reply ? companionAccepted : memberAccepted).increment();
    }

    private void bareBroadcast(int client, int clients, long iteration) throws Exception {
        bareBroadcast(pairOf(client, clients, iteration), "m" + iteration);
    }

    /** The same frames as a chat message, posted to the bare handler for pair {@code p}'s two bare sockets. */
    private void bareBroadcast(int p, String clientMessageId) throws Exception {
        expect(send("POST", BareBroadcast.POST + "?to=b" + 2 * p + ",b" + (2 * p + 1), null,
                bareMessage.replace("%ID%", clientMessageId) + "\n" + bareConversation), 204);
    }

    private static String body(String clientMessageId) {
        return "{\"clientMessageId\":\"" + clientMessageId + "\",\"text\":\"Message " + clientMessageId + PADDING
                + "\"}";
    }

    // ------------------------------------------------------------------------------------------------ windows

    /** The two limits back to back: raw single-row inserts, then the bare broadcast; CPU printed for each. */
    private Window limitWindow(int clients) {
        String labels = "clients=" + clients + " run="
                + limitRuns.computeIfAbsent(clients, c -> new AtomicInteger()).incrementAndGet();
        harness.closedLoop("settle raw", clients, SETTINGS.settleSeconds(), raw::insert);
        var cpu = CpuMeter.sample();
        var inserts = harness.closedLoop("raw", clients, SETTINGS.measureSeconds(), raw::insert);
        var cpuBetween = CpuMeter.sample();
        harness.closedLoop("settle bare", clients, SETTINGS.settleSeconds(), this::bareBroadcast);
        var framesBefore = bare.frames.sum();
        var cpuBare = CpuMeter.sample();
        var posts = harness.closedLoop("bare", clients, SETTINGS.measureSeconds(), this::bareBroadcast);
        var framesAfter = bare.frames.sum();
        var cpuEnd = CpuMeter.sample();
        harness.cpu("raw", labels, CpuMeter.between(cpu, cpuBetween));
        harness.cpu("bare", labels, CpuMeter.between(cpuBare, cpuEnd));
        harness.figure("bare_posts_per_s", labels, posts.perSecond());
        var window = new Window();
        window.cpu = CpuMeter.between(cpu, cpuEnd);
        return window.put("raw_insert_per_s", inserts.perSecond())
                .put("raw_insert_p50_ms", inserts.latencies().percentileMillis(50))
                .put("raw_insert_p99_ms", inserts.latencies().percentileMillis(99))
                .put("bare_frames_per_s", (framesAfter - framesBefore) / posts.seconds())
                .put("bare_post_p99_ms", posts.latencies().percentileMillis(99));
    }

    private Window chatWindow(int clients) {
        harness.closedLoop("settle chat", clients, SETTINGS.settleSeconds(), this::chatMessage);
        long framesBefore = chat.frames.sum();
        var cpu = CpuMeter.sample();
        var outcome = harness.closedLoop("chat", clients, SETTINGS.measureSeconds(), this::chatMessage);
        long frames = chat.frames.sum() - framesBefore;
        var window = new Window();
        window.cpu = CpuMeter.between(cpu, CpuMeter.sample());
        return window.put("messages_per_s", outcome.perSecond())
                .put("frames_per_s", frames / outcome.seconds())
                .put("message_p50_ms", outcome.latencies().percentileMillis(50))
                .put("message_p99_ms", outcome.latencies().percentileMillis(99))
                .put("post_p99_ms_vs_bare", outcome.latencies().percentileMillis(99))
                .put("frames_per_message", (double) frames / Math.max(1, outcome.done()));
    }

    // ------------------------------------------------------------------------------------------------ open loop

    @FunctionalInterface
    private interface OpenSend {
        void send(long n) throws Exception;
    }

    /** An open loop's posts and, once their frames arrived, its frames' latencies. */
    private record OpenResult(Outcome posts, Latencies sendToClient, Latencies commitToClient) {
    }

    /** Half the saturated rate: the bare broadcast, then chat, open loop; latencies of posts and of frames. */
    private void openLoop(double rate) {
        Harness.note(String.format(Locale.ROOT, "open loop at %.1f messages/s (half the messages_per_s median at %d"
                + " senders), %s s each: the bare broadcast, then chat", rate, SETTINGS.headlineClients(),
                SETTINGS.measureSeconds()));
        var limit = openRun("open bare", bare, rate, n -> bareBroadcast((int) (n % PAIRS), "o" + n));
        var cpu = CpuMeter.sample();
        var system = openRun("open chat", chat, rate, n -> chatMessage((int) (n % PAIRS), "o" + n));
        String labels = String.format(Locale.ROOT, "mode=open rate=%.0f", rate);
        harness.cpu("chat", labels, CpuMeter.between(cpu, CpuMeter.sample()));
        harness.latency("commit_to_client", labels, withLatencies(limit.posts(), limit.sendToClient()),
                withLatencies(system.posts(), system.commitToClient()), Target.valueAtMost(100));
        harness.latency("send_to_client", labels, withLatencies(limit.posts(), limit.sendToClient()),
                withLatencies(system.posts(), system.sendToClient()), null);
        harness.latency("post", labels, limit.posts(), system.posts(), null);
        harness.figure("open_frames_timed", labels + " bare=" + limit.sendToClient().size(),
                system.sendToClient().size());
    }

    private static Outcome withLatencies(Outcome outcome, Latencies latencies) {
        return new Outcome(outcome.done(), outcome.failed(), outcome.start(), outcome.end(), latencies);
    }

    private OpenResult openRun(String phase, ChatSockets sockets, double rate, OpenSend send) {
        double gap = 1e9 / rate;
        long start = System.nanoTime() + 50_000_000L;
        long end = start + (long) (SETTINGS.measureSeconds() * 1e9);
        long framesBefore = sockets.messageFrames.sum();
        var done = new LongAdder();
        var failed = new LongAdder();
        var parts = new ConcurrentLinkedQueue<Latencies>();
        sockets.startOpen(start, gap);
        OpenLoop.run(start, end, gap, sender -> {
            var mine = new Latencies();
            parts.add(mine);
            return (n, due) -> {
                try {
                    send.send(n);
                    mine.add(System.nanoTime() - due);
                    done.increment();
                } catch (Exception e) {
                    failed.increment();
                    harness.error(phase, e);
                }
            };
        });
        long ended = System.nanoTime();
        long expected = framesBefore + 2 * done.sum();
        try {
            BenchApp.await(phase + " message frames", sockets.messageFrames::sum, expected, 30);
        } catch (IllegalStateException late) {
            Harness.note(late.getMessage());
        }
        Latencies[] latencies = sockets.stopOpen();
        return new OpenResult(new Outcome(done.sum(), failed.sum(), start, ended, Latencies.merge(parts)),
                latencies[0], latencies[1]);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * Exactly once to every live socket of both participants; every member charged once per stored member message
     * (event store and read model); every answered member message credited once.
     */
    private boolean check() throws Exception {
        long stored = count("select count(*) from chat_message");
        try {
            BenchApp.await("the message frames of every stored message", chat.messageFrames::sum, 2 * stored, 60);
        } catch (IllegalStateException late) {
            Harness.note(late.getMessage());
        }
        // delivery: each socket's codes = its conversation's stored messages, each once
        var pairOf = new HashMap<String, Integer>();
        for (int p = 0; p < PAIRS; p++) {
            pairOf.put(conversations[p], p);
        }
        var expected = new long[PAIRS][];
        var sizes = new int[PAIRS];
        for (int p = 0; p < PAIRS; p++) {
            expected[p] = new long[64];
        }
        long foreign = 0;
        try (var statement = app.monitor().createStatement()) {
            statement.setFetchSize(10_000);
            app.monitor().setAutoCommit(false);
            try (var rows = statement.executeQuery("select conversation_id, client_message_id from chat_message")) {
                while (rows.next()) {
                    Integer p = pairOf.get(rows.getString(1));
                    if (p == null) {
                        foreign++;
                        continue;
                    }
                    String client = rows.getString(2);
                    if (sizes[p] == expected[p].length) {
                        expected[p] = Arrays.copyOf(expected[p], sizes[p] * 2);
                    }
                    expected[p][sizes[p]++] = ChatSockets.code(client.charAt(0), Long.parseLong(client.substring(1)));
                }
            } finally {
                app.monitor().commit();
                app.monitor().setAutoCommit(true);
            }
        }
        long duplicates = 0;
        long missing = 0;
        long extra = 0;
        long socketsWrong = 0;
        for (int p = 0; p < PAIRS; p++) {
            long[] want = Arrays.copyOf(expected[p], sizes[p]);
            Arrays.sort(want);
            for (int socket = 2 * p; socket <= 2 * p + 1; socket++) {
                long[] got = chat.received(socket);
                long[] diff = compare(want, got);
                duplicates += diff[0];
                missing += diff[1];
                extra += diff[2];
                if (diff[0] + diff[1] + diff[2] > 0) {
                    socketsWrong++;
                    if (socketsWrong <= 5) {
                        Harness.note("socket " + socket + " (pair " + p + "): duplicates=" + diff[0] + " missing="
                                + diff[1] + " extra=" + diff[2] + " of " + want.length);
                    }
                }
            }
        }

        // wallets: charged once per stored member message
        long memberMessages = count("select coalesce(sum(member_messages), 0) from conversation where member_id like '"
                + MEMBER + "%'");
        long replies = count("select coalesce(sum(companion_messages), 0) from conversation where member_id like '"
                + MEMBER + "%'");
        BenchApp.await("the wallet read model", () -> count("select coalesce(sum(movement_count), 0) from wallet"
                + " where member_id like '" + MEMBER + "%'"), PAIRS + memberMessages, CATCH_UP_TIMEOUT_S);
        Map<String, Long> charges = grouped("select substring(convert_from(payload, 'UTF8') from"
                + " '\"memberId\" *: *\"([^\"]+)\"'), count(*) from domain_event_entry where payload_type ="
                + " 'wallet.MessageCharged' group by 1");
        long walletsWrong = 0;
        long chargesWrong = 0;
        long charged = 0;
        try (var statement = app.monitor().prepareStatement("select c.member_id, c.member_messages, w.token_balance,"
                + " w.movement_count from conversation c join wallet w on w.member_id = c.member_id where c.member_id"
                + " like '" + MEMBER + "%'"); var rows = statement.executeQuery()) {
            int seen = 0;
            while (rows.next()) {
                seen++;
                String member = rows.getString(1);
                long messages = rows.getLong(2);
                long events = charges.getOrDefault(member, 0L);
                charged += events;
                if (events != messages) {
                    chargesWrong++;
                }
                if (rows.getLong(3) != GRANT - messages * messageRate || rows.getLong(4) != 1 + messages) {
                    walletsWrong++;
                    if (walletsWrong <= 5) {
                        Harness.note("wallet of " + member + ": balance " + rows.getLong(3) + " movements "
                                + rows.getLong(4) + " after " + messages + " messages (expected "
                                + (GRANT - messages * messageRate) + " and " + (1 + messages) + ")");
                    }
                }
            }
            walletsWrong += PAIRS - seen;
        }

        // earnings: one credit per answered member message
        Map<String, Long> credits = grouped("select substring(convert_from(payload, 'UTF8') from"
                + " '\"companionId\" *: *\"([^\"]+)\"'), count(*) from domain_event_entry where payload_type ="
                + " 'earnings.ActivityCredited' and convert_from(payload, 'UTF8') like '%CHAT_MESSAGE%' group by 1");
        Map<String, Long> answered = grouped("select c.companion_id, count(*) from chat_message m join chat_message"
                + " b on b.conversation_id = m.conversation_id and b.seq = m.seq - 1 join conversation c on"
                + " c.conversation_id = m.conversation_id where m.sender_role = 'companion' and b.sender_role ="
                + " 'member' group by 1");
        long creditsWrong = 0;
        long credited = 0;
        long toCredit = 0;
        for (int p = 0; p < PAIRS; p++) {
            long got = credits.getOrDefault(companion(p), 0L);
            long want = answered.getOrDefault(companion(p), 0L);
            credited += got;
            toCredit += want;
            if (got != want) {
                creditsWrong++;
            }
        }

        String labels = "sockets=" + chat.size() + " messages=" + stored + " member_messages=" + memberMessages
                + " replies=" + replies;
        harness.figure("check_delivery_duplicates", labels, duplicates);
        harness.figure("check_delivery_missing", labels, missing);
        harness.figure("check_delivery_extra", labels + " foreign_messages=" + foreign, extra);
        harness.figure("check_sockets_wrong", labels, socketsWrong);
        harness.figure("check_sockets_closed", labels, chat.closedByServer.sum() + bare.closedByServer.sum());
        harness.figure("check_wallets_wrong", "members=" + PAIRS + " rate=" + messageRate, walletsWrong);
        harness.figure("check_members_charged_not_once", "charges=" + charged + " member_messages=" + memberMessages
                + " accepted_2xx=" + memberAccepted.sum(), chargesWrong);
        harness.figure("check_companions_credited_not_once", "credits=" + credited + " answered=" + toCredit
                + " replies_accepted_2xx=" + companionAccepted.sum(), creditsWrong);
        boolean passed = duplicates == 0 && missing == 0 && extra == 0 && foreign == 0
                && chat.closedByServer.sum() == 0 && walletsWrong == 0 && chargesWrong == 0
                && charged == memberMessages && memberMessages == memberAccepted.sum()
                && replies == companionAccepted.sum() && creditsWrong == 0 && toCredit > 0;
        Harness.note("check: every stored message reached both participants' sockets exactly once, no socket closed,"
                + " every member charged exactly once per member message (event store, read model balance ="
                + " grant - messages x rate), every answered member message credited once: "
                + (passed ? "OK" : "FAILED"));
        return passed;
    }

    /** Duplicates in {@code got}, codes of {@code want} missing from it, codes in it not in {@code want}. */
    private static long[] compare(long[] want, long[] got) {
        long duplicates = 0;
        long missing = 0;
        long extra = 0;
        int i = 0;
        int j = 0;
        while (i < want.length || j < got.length) {
            if (j > 0 && j < got.length && got[j] == got[j - 1]) {
                duplicates++;
                j++;
            } else if (j >= got.length || (i < want.length && want[i] < got[j])) {
                missing++;
                i++;
            } else if (i >= want.length || got[j] < want[i]) {
                extra++;
                j++;
            } else {
                i++;
                j++;
            }
        }
        return new long[] {duplicates, missing, extra};
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private static String member(int p) {
        return String.format(Locale.ROOT, MEMBER + "%05d", p);
    }

    private static String companion(int p) {
        return String.format(Locale.ROOT, COMPANION + "%05d", p);
    }

    private String token(String userId, String role) throws Exception {
        var response = send("POST", "/api/v1/dev/tokens", null, "{\"userId\":\"" + userId + "\",\"role\":\"" + role
                + "\"}");
        expect(response, 201);
        return response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", path.startsWith(BareBroadcast.POST) ? "text/plain" : "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private long count(String sql) {
        try {
            return app.queryLong(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Map<String, Long> grouped(String sql) throws SQLException {
        var result = new HashMap<String, Long>();
        synchronized (app.monitor()) {
            try (var statement = app.monitor().createStatement(); var rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return result;
    }
}
