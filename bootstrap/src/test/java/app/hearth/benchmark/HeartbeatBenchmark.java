package app.hearth.benchmark;

import app.hearth.bootstrap.HearthApplication;
import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Point 12 of the calls issue: call heartbeats through the whole stack on one node — the highest sustained rate with
 * p99 under 100 ms, divided by the single-row UPDATE rate of design/benchmarks.md measured in the same run (16
 * clients); then, under that load, the time from a client's last heartbeat to its call's end.
 *
 * <p>Two ways in, measured one after the other on the same calls: REST ({@code POST /api/v1/calls/{id}/heartbeats}:
 * HTTP, bearer token, the participant check, the liveness board) and the real-time WebSocket ({@link SocketBeats}:
 * one connection per participant, a heartbeat message answered by {@code seq}). Both are open loop: a request is
 * due at its time whatever the answers, and its latency counts from that time, so a stall is not hidden (the load
 * generator shares the 2 cores, so its own lateness counts too). To reach a rate R with C calls each participant
 * beats every {@code 2C/R} seconds: the same requests as a beat every 10 s from R x 5 calls; the calls' own work
 * (a checkpoint per call per minute, the watchdog's pass over the live calls) is that of C calls.
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-heartbeats verify -DskipTests}. Properties:
 * {@code bench.calls} (1000), {@code bench.transports} (rest,websocket), {@code bench.rates} (REST, 1000,2000,3000
 * per second), {@code bench.socket-rates} (2000,5000,10000,15000), {@code bench.measure} (s per rate, 15),
 * {@code bench.warmup} (s, 10), {@code bench.silenced} (calls whose member stops beating, 20), {@code bench.jvm}
 * (one more JVM option, e.g. a JFR recording).
 */
public final class HeartbeatBenchmark {

    private static final int CALLS = Integer.getInteger("bench.calls", 1000);
    private static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "1000,2000,3000")
            .split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    private static final double MEASURE_S = Double.parseDouble(System.getProperty("bench.measure", "15"));
    private static final double WARMUP_S = Double.parseDouble(System.getProperty("bench.warmup", "10"));
    private static final int SILENCED = Integer.getInteger("bench.silenced", 20);
    private static final List<String> TRANSPORTS = List.of(System.getProperty("bench.transports", "rest,websocket")
            .split(","));
    private static final int[] SOCKET_RATES = Arrays.stream(System.getProperty("bench.socket-rates",
            "2000,5000,10000,15000").split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    private static final String USER = BenchDatabase.USER;

    private final String url;
    private AvailableCompanions available;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private ConfigurableApplicationContext app;
    private int port;
    /** Per call: member token, companion token, call id. */
    private final List<String[]> calls = new ArrayList<>();

    private HeartbeatBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_heartbeats", url -> new HeartbeatBenchmark(url).run());
    }

    private int run() throws Exception {
        var application = new SpringApplication(HearthApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        app = application.run("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + USER,
                "--server.port=0", "--hearth.database.create-if-missing=false", "--hearth.rate-limits.enabled=false",
                "--logging.level.root=WARN", "--server.tomcat.threads.max=64");
        try {
            port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            available = new AvailableCompanions(app, port);
            double update = rawUpdates(16);
            figure("single_row_update_per_s", 16, update);
            var keepAlive = Thread.ofVirtual().start(this::keepAlive);
            connectCalls();
            keepAlive.interrupt();
            keepAlive.join();
            int restSustained = TRANSPORTS.contains("rest") ? steps("rest", RATES, this::beat) : 0;
            int socketSustained = 0;
            SocketBeats socketBeats = null;
            if (TRANSPORTS.contains("websocket")) {
                socketBeats = new SocketBeats(port, calls);
                System.out.println("# " + 2 * calls.size() + " real-time connections open");
                socketSustained = steps("websocket", SOCKET_RATES, socketBeats::beat);
            }
            int sustained = Math.max(restSustained, socketSustained);
            figure("highest_sustained_heartbeats_per_s", 0, sustained);
            figure("ratio_to_single_row_update", 16, sustained / update);
            if (sustained > 0) {
                lastBeatToEnd(sustained, socketSustained > restSustained ? socketBeats::beat : this::beat);
            }
            if (socketBeats != null) {
                socketBeats.close();
            }
            System.out.printf(Locale.ROOT, "# summary over %d calls: highest sustained %d heartbeats/s over REST,"
                    + " %d over the real-time WebSocket; single-row UPDATE %.0f/s; ratio of the best %.2f%n", CALLS,
                    restSustained, socketSustained, update, sustained / update);
            return sustained > 0 ? 0 : 1;
        } finally {
            if (available != null) {
                available.close();
            }
            app.close();
        }
    }

    /** One way of sending heartbeats at a rate for some seconds, silencing the members of some calls. */
    @FunctionalInterface
    interface Beating {
        Result beat(int rate, double seconds, List<Integer> silentMembers) throws Exception;
    }

    /** A warm-up at the first rate, then each rate in turn; returns the highest sustained. */
    private int steps(String transport, int[] rates, Beating beating) throws Exception {
        beating.beat(rates[0], WARMUP_S, List.of()); // warm-up, not counted
        int sustained = 0;
        for (int rate : rates) {
            var result = beating.beat(rate, MEASURE_S, List.of());
            String name = transport.equals("rest") ? "heartbeat" : "socket_heartbeat";
            figure(name + "s_per_s", rate, result.perSecond);
            figure(name + "_p50_ms", rate, result.latencies.percentileMillis(50));
            figure(name + "_p99_ms", rate, result.latencies.percentileMillis(99));
            figure(name + "_failed", rate, result.failed);
            slowSeconds(rate, result);
            boolean held = result.perSecond >= 0.97 * rate && result.latencies.percentileMillis(99) < 100
                    && result.failed == 0;
            System.out.println("# " + transport + " rate " + rate + "/s " + (held ? "sustained" : "NOT sustained"));
            if (held) {
                sustained = rate;
            }
        }
        return sustained;
    }

    /** Members with tokens and available companions through the API; each pair's call rung, accepted and joined. */
    private void connectCalls() throws Exception {
        String admin = token("bench-admin", "admin");
        long began = System.nanoTime();
        try (var executor = Executors.newFixedThreadPool(8)) {
            var futures = new ArrayList<java.util.concurrent.Future<String[]>>();
            for (int i = 0; i < CALLS; i++) {
                int n = i;
                futures.add(executor.submit(() -> connectCall(admin, n)));
            }
            for (var future : futures) {
                String[] call = future.get();
                synchronized (calls) {
                    calls.add(call);
                }
            }
        }
        System.out.printf(Locale.ROOT, "# %d calls connected in %.1f s (each call's minute checkpoints come at the"
                + " same offsets every minute)%n", CALLS, (System.nanoTime() - began) / 1e9);
    }

    /** While the calls are being set up, the connected ones keep beating (every 5 s), or the watchdog ends them. */
    private void keepAlive() {
        while (!Thread.currentThread().isInterrupted()) {
            List<String[]> connected;
            synchronized (calls) {
                connected = List.copyOf(calls);
            }
            try {
                for (String[] call : connected) {
                    send("POST", "/api/v1/calls/" + call[2] + "/heartbeats", call[0], null);
                    send("POST", "/api/v1/calls/" + call[2] + "/heartbeats", call[1], null);
                }
                Thread.sleep(5_000);
            } catch (InterruptedException interrupted) {
                return;
            } catch (Exception failure) {
                System.out.println("# keep-alive: " + failure);
            }
        }
    }

    private String[] connectCall(String admin, int n) throws Exception {
        String memberId = "bench-m" + n;
        String companionId = "bench-c" + n;
        String member = token(memberId, "member");
        expect(send("PUT", "/api/v1/me/profile", member, "{\"displayName\":\"Bench\",\"birthYear\":1950,"
                + "\"languages\":[\"en\"],\"timeZone\":\"Europe/London\"}"), 201);
        app.getBean(app.hearth.application.money.wallet.WalletCommandBus.class).send(
                new app.hearth.domain.money.wallet.WalletCommand.GrantTokens(memberId, "bench-" + n, 100_000,
                        "benchmark", "admin:bench", java.time.Instant.now()));
        expect(send("POST", "/api/v1/companions", admin, "{\"userId\":\"" + companionId
                + "\",\"displayName\":\"C\"}"), 201);
        String companion = token(companionId, "companion");
        expect(send("PUT", "/api/v1/me/companion-profile", companion, "{\"displayName\":\"C\",\"bio\":\"b\","
                + "\"languages\":[\"en\"],\"gender\":\"female\",\"birthYear\":1970,\"skills\":[\"listening\"],"
                + "\"yearsOfExperience\":3,\"timeZone\":\"Europe/London\"}"), 200);
        // presence is derived (adr/0053): a started shift and a connection in the foreground, open for the run
        available.makeAvailable(Api.at(port).withToken(companion), companionId);
        String callId = "bench-call-" + n;
        expect(send("POST", "/api/v1/calls", member, "{\"callId\":\"" + callId + "\",\"companionId\":\""
                + companionId + "\",\"kind\":\"audio\"}"), 201);
        expect(send("POST", "/api/v1/calls/" + callId + "/accept", companion, null), 200);
        expect(send("POST", "/api/v1/calls/" + callId + "/heartbeats", member, null), 204);
        expect(send("POST", "/api/v1/calls/" + callId + "/heartbeats", companion, null), 204);
        return new String[] {member, companion, callId};
    }

    /** Also the p99 of each second of the run (by due time), to show whether slow answers come in bursts. */
    record Result(double perSecond, Latencies latencies, long failed, double[] p99BySecond) {
    }

    /**
     * Open loop at {@code rate} heartbeats per second for {@code seconds}: participant k of the 2C beats at times
     * offset by k/rate, every 2C/rate seconds. Participants in {@code silent} (call indexes) send nothing.
     */
    private Result beat(int rate, double seconds, List<Integer> silentMembers) throws Exception {
        long start = System.nanoTime() + 50_000_000L;
        long end = start + (long) (seconds * 1e9);
        double gapNanos = 1e9 / rate;
        var parts = new ConcurrentLinkedQueue<Latencies>();
        int secondsCount = (int) Math.ceil(seconds);
        var bySecond = new ConcurrentLinkedQueue<Latencies[]>();
        var failed = new LongAdder();
        var done = new LongAdder();
        var silent = new java.util.HashSet<>(silentMembers);
        OpenLoop.run(start, end, gapNanos, sender -> {
            var mine = new Latencies();
            var mineBySecond = new Latencies[secondsCount];
            for (int k = 0; k < secondsCount; k++) {
                mineBySecond[k] = new Latencies(64);
            }
            parts.add(mine);
            bySecond.add(mineBySecond);
            return (n, due) -> {
                int participant = (int) (n % (2L * calls.size()));
                int call = participant / 2;
                boolean member = participant % 2 == 0;
                if (member && silent.contains(call)) {
                    return;
                }
                String[] c = calls.get(call);
                try {
                    var response = send("POST", "/api/v1/calls/" + c[2] + "/heartbeats", member ? c[0] : c[1],
                            null);
                    if (response.statusCode() != 204) {
                        failed.increment();
                    }
                } catch (Exception e) {
                    failed.increment();
                }
                long latency = System.nanoTime() - due;
                mine.add(latency);
                mineBySecond[(int) Math.min(secondsCount - 1, (due - start) / 1_000_000_000L)].add(latency);
                done.increment();
            };
        });
        double elapsed = Math.max(seconds, (System.nanoTime() - start) / 1e9);
        double[] p99BySecond = new double[secondsCount];
        for (int k = 0; k < secondsCount; k++) {
            int second = k;
            p99BySecond[k] = Latencies.merge(bySecond.stream().map(perSender -> perSender[second]).toList())
                    .percentileMillis(99);
        }
        return new Result(done.sum() / elapsed, Latencies.merge(parts), failed.sum(), p99BySecond);
    }

    /**
     * Under the sustained load, {@link #SILENCED} members stop beating: for each call, the time from the member's
     * last beat to the moment the watchdog ended it (the time of the end event, {@code call_view.updated_at} of an
     * ended call; {@code ended_at} is the call's end for billing, the last moment it was proven live), read once a
     * second so that watching adds no load worth the name.
     */
    private void lastBeatToEnd(int rate, Beating beating) throws Exception {
        var silenced = new ArrayList<Integer>();
        for (int i = 0; i < SILENCED && i < calls.size(); i++) {
            silenced.add(i);
        }
        String[] ids = silenced.stream().map(i -> calls.get(i)[2]).toArray(String[]::new);
        // the members' last beats: one now, then silence while everyone else keeps beating
        Instant lastBeat = Instant.now();
        for (int i : silenced) {
            expect(send("POST", "/api/v1/calls/" + calls.get(i)[2] + "/heartbeats", calls.get(i)[0], null), 204);
        }
        var result = beating.beat(rate, 60, silenced);
        figure("load_heartbeats_per_s", rate, result.perSecond);
        figure("load_heartbeat_p99_ms", rate, result.latencies.percentileMillis(99));
        slowSeconds(rate, result);
        var seconds = new ArrayList<Double>();
        var dataSource = app.getBean(javax.sql.DataSource.class);
        for (int attempt = 0; attempt < 30 && seconds.size() < ids.length; attempt++) {
            seconds.clear();
            try (Connection connection = dataSource.getConnection();
                 var query = connection.prepareStatement(
                         "select updated_at from call_view where call_id = any(?) and state = 'ENDED'")) {
                query.setArray(1, connection.createArrayOf("varchar", ids));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        Instant ended = rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
                        seconds.add(Duration.between(lastBeat, ended).toMillis() / 1000.0);
                    }
                }
            }
            if (seconds.size() < ids.length) {
                Thread.sleep(1000);
            }
        }
        seconds.sort(Double::compare);
        figure("silenced_calls_ended", rate, seconds.size());
        if (!seconds.isEmpty()) {
            figure("last_beat_to_end_s_min", rate, seconds.getFirst());
            figure("last_beat_to_end_s_max", rate, seconds.getLast());
        }
    }

    /** The seconds of a run whose p99 was over 100 ms: a few bad seconds, or slow throughout. */
    private static void slowSeconds(int rate, Result result) {
        var slow = new StringBuilder();
        for (int k = 0; k < result.p99BySecond.length; k++) {
            if (result.p99BySecond[k] >= 100) {
                slow.append(String.format(Locale.ROOT, " %ds:%.0fms", k, result.p99BySecond[k]));
            }
        }
        System.out.println("# rate " + rate + "/s: seconds with p99 >= 100 ms:" + (slow.isEmpty() ? " none" : slow));
    }

    /** The single-row UPDATE baseline: each of {@code clients} updates its own row, one commit per UPDATE. */
    private double rawUpdates(int clients) throws Exception {
        try (var pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            pool.setUsername(USER);
            pool.setMaximumPoolSize(clients);
            try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
                statement.execute("create table if not exists bench_update (id int primary key, seen_at timestamptz)");
                statement.execute("insert into bench_update select g, now() from generate_series(0, 1023) g "
                        + "on conflict do nothing");
            }
            var done = new LongAdder();
            long end = System.nanoTime() + (long) (MEASURE_S * 1e9);
            var tasks = new ArrayList<java.util.concurrent.Future<Object>>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int client = 0; client < clients; client++) {
                    int k = client;
                    tasks.add(executor.submit(() -> {
                        for (int n = 0; System.nanoTime() < end; n++) {
                            try (Connection connection = pool.getConnection();
                                 var update = connection.prepareStatement(
                                         "update bench_update set seen_at = now() where id = ?")) {
                                update.setInt(1, (k * 64 + n) % 1024);
                                update.executeUpdate();
                            }
                            done.increment();
                        }
                        return null;
                    }));
                }
            }
            for (var task : tasks) {
                task.get();
            }
            return done.sum() / MEASURE_S;
        }
    }

    private String token(String userId, String role) throws Exception {
        return send("POST", "/api/v1/dev/tokens", null, "{\"userId\":\"" + userId + "\",\"role\":\"" + role + "\"}")
                .body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
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

    private static void figure(String name, int rate, double value) {
        System.out.printf(Locale.ROOT, "%s rate=%d value=%.2f%n", name, rate, value);
    }
}
