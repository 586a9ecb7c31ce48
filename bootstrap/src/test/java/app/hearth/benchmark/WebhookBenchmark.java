package app.hearth.benchmark;

import app.hearth.bootstrap.HearthApplication;
import com.stripe.net.Webhook;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Point 12 of the money issue: Stripe webhook events accepted per second end to end — signature checked, recorded in
 * the inbox, normalized, deduplicated, applied to the member's wallet (the answer comes after the wallet movement)
 * — with 1 and 16 concurrent senders, divided by limit (a) of design/benchmarks.md measured in the same run (one
 * single-row INSERT per durable transaction into a table shaped like the event store). One request in five
 * re-sends an event the sender already delivered; afterwards every duplicate must have changed nothing.
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-webhooks verify -DskipTests}. Figures are lines
 * {@code name labels value=...}; lines starting with {@code #} are notes. Properties: {@code bench.measure} (s,
 * default 20), {@code bench.warmup} (s, default 20), {@code bench.clients} (1,16), {@code bench.members} (64).
 */
public final class WebhookBenchmark {

    private static final double MEASURE_S = Double.parseDouble(System.getProperty("bench.measure", "20"));
    /** Long enough for the JIT: with 5 s the C2 compiler still took a third of the JVM's CPU while measuring. */
    private static final double WARMUP_S = Double.parseDouble(System.getProperty("bench.warmup", "20"));
    private static final int[] CLIENTS = Arrays.stream(System.getProperty("bench.clients", "1,16").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private static final int MEMBERS = Integer.getInteger("bench.members", 64);
    private static final String USER = BenchDatabase.USER;

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong purchases = new AtomicLong();
    private final LongAdder sentUnique = new LongAdder();
    private final LongAdder sentDuplicates = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private ConfigurableApplicationContext app;
    private String template;
    private String secret;
    private int port;

    private WebhookBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_webhooks", url -> new WebhookBenchmark(url).run());
    }

    private int run() throws Exception {
        var application = new SpringApplication(HearthApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        app = application.run("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + USER,
                "--server.port=0", "--hearth.database.create-if-missing=false", "--hearth.rate-limits.enabled=false",
                "--logging.level.root=WARN");
        try {
            port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            secret = app.getEnvironment().getProperty("hearth.payments.stripe.webhook-secret");
            template = new String(WebhookBenchmark.class.getResourceAsStream(
                    "/fixtures/stripe/checkout.session.completed.payment.json").readAllBytes(), StandardCharsets.UTF_8);
            register();
            send(4, WARMUP_S, new ArrayList<>()); // warm-up, not counted
            var summary = new ArrayList<String>();
            for (int clients : CLIENTS) {
                double raw = rawInserts(clients);
                double perSecond = webhooks(clients);
                figure("raw_insert_per_s", clients, raw);
                figure("webhook_events_per_s", clients, perSecond);
                figure("ratio", clients, perSecond / raw);
                summary.add(String.format(Locale.ROOT, "clients=%-2d raw_insert_per_s=%.0f webhook_events_per_s=%.0f"
                        + " ratio=%.3f", clients, raw, perSecond, perSecond / raw));
            }
            return check(summary);
        } finally {
            app.close();
        }
    }

    /** Members registered through the API, each with a V1 wallet. */
    private void register() throws Exception {
        for (int i = 0; i < MEMBERS; i++) {
            String member = "bench-member-" + i;
            String token = post("/api/v1/dev/tokens", "{\"userId\":\"" + member + "\",\"role\":\"member\"}", null)
                    .body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            var created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me/profile"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Bench\",\"birthYear\":1950,"
                            + "\"languages\":[\"en\"],\"timeZone\":\"Europe/London\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("could not register " + member + ": " + created.body());
            }
        }
        System.out.println("# registered " + MEMBERS + " members (V1 wallets)");
    }

    /** Events accepted per second: closed loop, each sender on its own members; every fifth request a duplicate. */
    private double webhooks(int clients) throws Exception {
        var latencies = new ArrayList<Long>();
        long accepted = send(clients, MEASURE_S, latencies);
        double perSecond = accepted / MEASURE_S;
        latencies.sort(Long::compare);
        if (!latencies.isEmpty()) {
            figure("webhook_p50_ms", clients, latencies.get(latencies.size() / 2) / 1e6);
            figure("webhook_p99_ms", clients, latencies.get((int) (latencies.size() * 0.99)) / 1e6);
        }
        return perSecond;
    }

    private long send(int clients, double seconds, List<Long> latencies) throws Exception {
        var accepted = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < clients; client++) {
                int k = client;
                executor.submit(() -> {
                    var mine = new ArrayList<String>();
                    var times = new ArrayList<Long>();
                    for (long n = 0; System.nanoTime() < end; n++) {
                        boolean duplicate = n % 5 == 4 && !mine.isEmpty();
                        String body = duplicate ? mine.get((int) (n % mine.size()))
                                : purchase("bench-member-" + ((k + (n * clients)) % MEMBERS));
                        long started = System.nanoTime();
                        var response = post("/api/v1/webhooks/stripe", body, signature(body));
                        times.add(System.nanoTime() - started);
                        if (response.statusCode() == 200) {
                            accepted.increment();
                            if (duplicate) {
                                sentDuplicates.increment();
                            } else {
                                sentUnique.increment();
                                mine.add(body);
                            }
                        } else {
                            failures.increment();
                        }
                    }
                    synchronized (latencies) {
                        latencies.addAll(times);
                    }
                    return null;
                });
            }
        }
        return accepted.sum();
    }

    private String purchase(String member) {
        long n = purchases.incrementAndGet();
        return template.replace("evt_1PorzlRrHuoIQciTuasmZ8qr", "evt_bench" + n)
                .replace("pi_1vB7XwRrHuoIQciTs5wzfBBu", "pi_bench" + n)
                .replace("\"client_reference_id\": null", "\"client_reference_id\": \"" + member + "\"");
    }

    private String signature(String body) throws Exception {
        long timestamp = System.currentTimeMillis() / 1000;
        return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + body);
    }

    private HttpResponse<String> post(String path, String body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Limit (a): one single-row INSERT per durable transaction into a table shaped like the event store. */
    private double rawInserts(int clients) throws Exception {
        try (var pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            pool.setUsername(USER);
            pool.setMaximumPoolSize(12);
            try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
                statement.execute("create table if not exists bench_raw (global_index bigserial primary key,"
                        + " aggregate_identifier varchar(255) not null, sequence_number bigint not null,"
                        + " event_identifier varchar(255) not null unique, payload bytea not null,"
                        + " unique (aggregate_identifier, sequence_number))");
                statement.execute("truncate bench_raw");
            }
            var done = new LongAdder();
            var sequence = new AtomicLong();
            byte[] payload = template.getBytes(StandardCharsets.UTF_8);
            long end = System.nanoTime() + (long) (MEASURE_S * 1e9);
            var tasks = new ArrayList<java.util.concurrent.Future<Object>>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int client = 0; client < clients; client++) {
                    tasks.add(executor.submit(() -> {
                        while (System.nanoTime() < end) {
                            long n = sequence.incrementAndGet();
                            try (Connection connection = pool.getConnection();
                                 var insert = connection.prepareStatement("insert into bench_raw (aggregate_identifier,"
                                         + " sequence_number, event_identifier, payload) values (?, 0, ?, ?)")) {
                                insert.setString(1, "raw-" + n);
                                insert.setString(2, java.util.UUID.randomUUID().toString());
                                insert.setBytes(3, payload);
                                insert.executeUpdate();
                            }
                            done.increment();
                        }
                        return null;
                    }));
                }
            }
            for (var task : tasks) {
                task.get(); // a failed sender fails the benchmark instead of lowering the figure
            }
            return done.sum() / MEASURE_S;
        }
    }

    /** Every unique purchase is one wallet movement; every duplicate changed nothing. */
    private int check(List<String> summary) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             var statement = connection.createStatement()) {
            long facts = count(statement, "select count(*) from payment_fact where transaction_id like 'pi_bench%'");
            long movements = count(statement, "select count(*) from domain_event_entry where payload_type ="
                    + " 'wallet.TokensPurchased'");
            long inbox = count(statement, "select count(*) from payment_inbox where provider_event_id like 'evt_bench%'");
            long unique = purchases.get();
            System.out.println("# events sent: " + unique + " unique purchases (counted: " + sentUnique.sum()
                    + " accepted), " + sentDuplicates.sum() + " duplicates accepted, " + failures.sum() + " not 200");
            System.out.printf(Locale.ROOT, "duplicates_without_effect_pct value=%.1f%n",
                    facts == movements && inbox == unique && facts == unique ? 100.0 : 100.0 * facts / Math.max(1,
                            movements));
            System.out.println("# inbox rows " + inbox + ", facts " + facts + ", wallet purchase movements " + movements);
            summary.forEach(line -> System.out.println("# " + line));
            return facts == unique && movements == unique && inbox == unique && failures.sum() == 0 ? 0 : 1;
        }
    }

    private static long count(java.sql.Statement statement, String sql) throws Exception {
        try (var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void figure(String name, int clients, double value) {
        System.out.printf(Locale.ROOT, "%s clients=%d value=%.2f%n", name, clients, value);
    }
}
