package app.hearth.benchmark;

import app.hearth.bootstrap.HearthApplication;
import app.hearth.application.routing.Router;
import app.hearth.domain.routing.RoutingDecision;
import app.hearth.domain.routing.RoutingFilters;
import app.hearth.domain.routing.RoutingRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 17, point 10: routing decisions per second and their p99 on one node with {@code bench.companions} (5,000)
 * available companions and {@code bench.waiting} (1,000) members waiting in the queue, beside the plain indexed query
 * for the available companions of a language measured in the same run on the same pool (the limit).
 *
 * <p>A decision is what the dispatcher does for one waiting member short of ringing: the member's profile and
 * favorites, every available companion who speaks their language with their facts (the candidate query), the pure
 * ranking, and the decision's record (one insert, in a transaction). Every member and companion speaks {@code en}, so
 * every decision ranks all the companions (the worst case); half the companions speak a second language; skills and
 * interests are random. Closed loop on {@code bench.clients} (4) threads for {@code bench.measure} s (15) after
 * {@code bench.warmup} s (5), the limit first, then routing.
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-routing verify -DskipTests}.
 */
public final class RoutingBenchmark {

    private static final int COMPANIONS = BenchSettings.intProperty("bench.companions", 5000);
    private static final int WAITING = BenchSettings.intProperty("bench.waiting", 1000);
    private static final int CLIENTS = BenchSettings.intProperty("bench.clients", 4);
    private static final double MEASURE_S = BenchSettings.seconds("bench.measure", 15);
    private static final double WARMUP_S = BenchSettings.seconds("bench.warmup", 5);
    private static final String[] SKILLS = {"LISTENING", "LIFE_STORIES", "GRIEF_AND_LOSS", "HEALTH_AND_WELLBEING",
        "HOBBIES_AND_CRAFTS", "MUSIC", "BOOKS_AND_FILMS", "GAMES_AND_PUZZLES", "TECHNOLOGY_HELP"};
    private static final String AVAILABLE = "SELECT p.companion_id FROM companion_presence p JOIN companion c"
            + " ON c.companion_id = p.companion_id WHERE p.state = 'AVAILABLE' AND c.status = 'ACTIVE'"
            + " AND c.languages && ?::varchar[]";

    private final String url;
    private ConfigurableApplicationContext app;

    private RoutingBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_routing", url -> new RoutingBenchmark(url).run());
    }

    private int run() throws Exception {
        var application = new SpringApplication(HearthApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        app = application.run("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + BenchDatabase.USER, "--server.port=0",
                "--hearth.database.create-if-missing=false", "--hearth.rate-limits.enabled=false",
                "--logging.level.root=WARN", "--hearth.routing.dispatch-interval=PT1H");
        try {
            DataSource dataSource = app.getBean(DataSource.class);
            List<String> members = seed(dataSource);
            Router router = app.getBean(Router.class);
            var transactions = app.getBean(app.hearth.application.shared.Transactions.class);
            System.out.printf(Locale.ROOT, "# %d available companions, %d members waiting; %d clients, %.0f s each%n",
                    COMPANIONS, members.size(), CLIENTS, MEASURE_S);
            IntConsumer plain = client -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement query = connection.prepareStatement(AVAILABLE)) {
                    query.setArray(1, connection.createArrayOf("varchar", new String[] {"en"}));
                    int rows = 0;
                    try (var result = query.executeQuery()) {
                        while (result.next()) {
                            rows++;
                        }
                    }
                    if (rows < COMPANIONS) {
                        throw new IllegalStateException("the plain query found " + rows);
                    }
                } catch (java.sql.SQLException failed) {
                    throw new IllegalStateException(failed);
                }
            };
            IntConsumer decide = client -> {
                String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                Instant now = Instant.now();
                RoutingRequest request = router.request(member, RoutingFilters.NONE, Set.of());
                RoutingDecision decision = router.decide(request, now);
                if (decision.ranked().size() < COMPANIONS) {
                    throw new IllegalStateException("a decision ranked " + decision.ranked().size());
                }
                transactions.run(() -> router.record(UUID.randomUUID().toString(), 1, "CALL", request, "AUDIO",
                        null, decision, decision.first().orElseThrow(), null, now));
            };
            window(plain, WARMUP_S);
            Result limit = window(plain, MEASURE_S);
            window(decide, WARMUP_S);
            Result routing = window(decide, MEASURE_S);
            figure("available_query_per_s", limit.perSecond);
            figure("available_query_p99_ms", limit.latencies.percentileMillis(99));
            figure("routing_decisions_per_s", routing.perSecond);
            figure("routing_decision_p50_ms", routing.latencies.percentileMillis(50));
            figure("routing_decision_p99_ms", routing.latencies.percentileMillis(99));
            figure("ratio_to_available_query", routing.perSecond / limit.perSecond);
            System.out.printf(Locale.ROOT, "# summary: %.1f routing decisions/s (p99 %.1f ms) over %d companions;"
                    + " the plain indexed query %.1f/s (p99 %.1f ms); ratio %.3f; failures %d%n", routing.perSecond,
                    routing.latencies.percentileMillis(99), COMPANIONS, limit.perSecond,
                    limit.latencies.percentileMillis(99), routing.perSecond / limit.perSecond,
                    routing.failed + limit.failed);
            return routing.failed + limit.failed == 0 ? 0 : 1;
        } finally {
            app.close();
        }
    }

    private static void figure(String name, double value) {
        System.out.printf(Locale.ROOT, "%s clients=%d companions=%d waiting=%d value=%.3f%n", name, CLIENTS,
                COMPANIONS, WAITING, value);
    }

    record Result(double perSecond, Latencies latencies, long failed) {
    }

    /** {@code CLIENTS} threads doing {@code work} back to back for {@code seconds}. */
    private static Result window(IntConsumer work, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Latencies> parts = new ArrayList<>();
        long[] counts = new long[CLIENTS];
        long[] failures = new long[CLIENTS];
        List<Thread> threads = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Latencies latencies = new Latencies();
            parts.add(latencies);
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        work.accept(client);
                        counts[client]++;
                    } catch (RuntimeException failed) {
                        if (failures[client]++ == 0) {
                            System.out.println("# failure: " + failed);
                        }
                    }
                    latencies.add(System.nanoTime() - start);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long total = 0;
        long failed = 0;
        for (int c = 0; c < CLIENTS; c++) {
            total += counts[c];
            failed += failures[c];
        }
        return new Result(total / elapsed, Latencies.merge(parts), failed);
    }

    /** The companions (active, available, idle for random times) and the waiting members, in plain SQL. */
    private static List<String> seed(DataSource dataSource) throws Exception {
        var random = ThreadLocalRandom.current();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var companion = connection.prepareStatement("INSERT INTO companion (companion_id, status,"
                    + " display_name, languages, skills, gender, invited_by, invited_at, updated_at)"
                    + " VALUES (?, 'ACTIVE', ?, ?, ?, 'FEMALE', 'bench', ?, ?)");
                 var presence = connection.prepareStatement("INSERT INTO companion_presence (companion_id, state,"
                         + " state_since, updated_at) VALUES (?, 'AVAILABLE', ?, ?)")) {
                for (int i = 0; i < COMPANIONS; i++) {
                    String id = "bench-companion-" + i;
                    companion.setString(1, id);
                    companion.setString(2, "Companion " + i);
                    companion.setArray(3, connection.createArrayOf("varchar", i % 2 == 0
                            ? new String[] {"en"} : new String[] {"de", "en"}));
                    companion.setArray(4, connection.createArrayOf("varchar", new String[] {
                        SKILLS[random.nextInt(SKILLS.length)], SKILLS[(i + 1) % SKILLS.length]}));
                    companion.setTimestamp(5, now);
                    companion.setTimestamp(6, now);
                    companion.addBatch();
                    presence.setString(1, id);
                    presence.setTimestamp(2, Timestamp.from(Instant.now().minusSeconds(random.nextInt(7200))));
                    presence.setTimestamp(3, now);
                    presence.addBatch();
                }
                companion.executeBatch();
                presence.executeBatch();
            }
            List<String> members = new ArrayList<>();
            try (var profile = connection.prepareStatement("INSERT INTO member_profile (user_id, display_name,"
                    + " birth_year, languages, time_zone, interests, created_at, updated_at)"
                    + " VALUES (?, ?, 1950, 'en', 'Europe/London', ?, ?, ?)");
                 var queue = connection.prepareStatement("INSERT INTO routing_queue (member_id, language, request_id,"
                         + " attempt, call_id, kind, filters, excluded, enqueued_at, expires_at)"
                         + " VALUES (?, 'en', ?, 1, ?, 'AUDIO', '', '', ?, ?)")) {
                for (int i = 0; i < WAITING; i++) {
                    String id = "bench-member-" + i;
                    members.add(id);
                    profile.setString(1, id);
                    profile.setString(2, "Member " + i);
                    profile.setString(3, SKILLS[random.nextInt(SKILLS.length)]);
                    profile.setTimestamp(4, now);
                    profile.setTimestamp(5, now);
                    profile.addBatch();
                    queue.setString(1, id);
                    queue.setString(2, "bench-request-" + i);
                    queue.setString(3, "bench-call-" + i);
                    queue.setTimestamp(4, now);
                    queue.setTimestamp(5, Timestamp.from(Instant.now().plusSeconds(3600)));
                    queue.addBatch();
                }
                profile.executeBatch();
                queue.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (var analyze = connection.createStatement()) {
                // statistics as a live database has them, not whenever autovacuum gets to the fresh tables
                analyze.execute("ANALYZE");
            }
            return members;
        }
    }
}
