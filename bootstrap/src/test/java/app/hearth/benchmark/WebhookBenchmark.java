package app.hearth.benchmark;

import app.hearth.benchmark.Harness.Pair;
import app.hearth.benchmark.Harness.Target;
import app.hearth.benchmark.Harness.Window;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * R6 of issue 15: signed Stripe {@code checkout.session.completed} webhooks, measured twice against limit (a) of
 * design/benchmarks.md ({@link EventStoreLimit}) in the same run on the same database: events <b>accepted</b> per second
 * (2xx answers, duplicates included; target ratio ≥ 0.15) and purchases <b>applied</b> to wallets per second (target ≥
 * 0.10): the unique purchases accepted in a window ÷ the time from its start until the wallet read model shows them
 * all. The applied count is the sum of the bench members' {@code wallet.movement_count} (their only movements are
 * these purchases), so it is right whether a webhook is applied before its answer or after it, in batches.
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-webhooks verify -DskipTests}. It starts Hearth
 * in-process on a fresh database (dropped afterwards), registers {@code bench.members} (64) members through the API
 * (V1 wallets), warms up and follows the protocol of {@link Harness}. Sender {@code k} of {@code c} buys for members
 * {@code k, k+c, ...}; one request in five (at random) re-sends, newly signed, an event its sender already had
 * accepted. At the
 * end every unique purchase must be exactly one {@code TokensPurchased} in the event store, one wallet movement and
 * (where the tables are as today) one inbox row and one fact: {@code duplicates_without_effect_pct} is 100 then.
 * Properties: those of {@link BenchSettings} (defaults warm-up 20 s, windows 15 s), {@code bench.members} (64),
 * {@code bench.catchUpTimeout} (300 s).
 */
public final class WebhookBenchmark {

    private static final BenchSettings SETTINGS = BenchSettings.read(20, 15);
    private static final int MEMBERS = BenchSettings.intProperty("bench.members", 64);
    private static final double CATCH_UP_TIMEOUT_S = BenchSettings.seconds("bench.catchUpTimeout", 300);
    private static final String MEMBER_PREFIX = "bench-member-";

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong purchases = new AtomicLong();
    private final LongAdder uniqueAccepted = new LongAdder();
    private final LongAdder duplicatesAccepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    /** Per sender, the bodies it had accepted, for re-sending. */
    @SuppressWarnings("unchecked")
    private final List<String>[] sent = new List[Math.max(OpenLoop.SENDERS, SETTINGS.maxClients())];
    private Harness harness;
    private BenchApp app;
    private EventStoreLimit raw;
    private String template;
    private String secret;
    private int port;
    private long appliedBaseline;

    private WebhookBenchmark(String url) {
        this.url = url;
        for (int i = 0; i < sent.length; i++) {
            sent[i] = new ArrayList<>();
        }
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_webhooks", url -> new WebhookBenchmark(url).run());
    }

    private int run() throws Exception {
        try (var h = new Harness("R6 payment webhooks", SETTINGS);
             var started = BenchApp.start(url)) {
            harness = h;
            app = started;
            port = app.port();
            secret = app.context.getEnvironment().getProperty("hearth.payments.stripe.webhook-secret");
            template = new String(WebhookBenchmark.class.getResourceAsStream(
                    "/fixtures/stripe/checkout.session.completed.payment.json").readAllBytes(), StandardCharsets.UTF_8);
            raw = new EventStoreLimit(url, BenchDatabase.USER, app.poolSize, 1000);
            harness.progressDetail(() -> "unique_accepted=" + uniqueAccepted.sum() + " applied=" + appliedOrNaN());
            try {
                register();
                appliedBaseline = applied();
                int clients = Math.min(16, SETTINGS.maxClients());
                Harness.note("warm-up: " + clients + " senders, " + SETTINGS.warmupSeconds() + " s");
                harness.closedLoop("warm-up webhooks", clients, SETTINGS.warmupSeconds(), this::webhook);
                awaitApplied();
                Harness.note(raw.copyEvent(app.monitor(), "wallet.TokensPurchased"));
                harness.closedLoop("warm-up raw", clients, SETTINGS.warmupSeconds() / 2, raw::insert);
                var medians = harness.sweep(this::rawWindow, this::webhookWindow, List.of(
                        new Pair("accepted_per_s", "raw_insert_per_s", Target.ratioAtLeast(0.15)),
                        new Pair("applied_per_s", "raw_insert_per_s", Target.ratioAtLeast(0.10)),
                        new Pair("webhook_p50_ms", "raw_insert_p50_ms", null),
                        new Pair("webhook_p99_ms", "raw_insert_p99_ms", null),
                        new Pair("apply_lag_ms", null, null)));
                openLoop(medians.get(SETTINGS.headlineClients()).get("accepted_per_s") / 2);
                return harness.finish(check());
            } finally {
                raw.close();
            }
        }
    }

    /** Members registered through the API, each with a V1 wallet. */
    private void register() throws Exception {
        for (int i = 0; i < MEMBERS; i++) {
            String member = MEMBER_PREFIX + i;
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
        Harness.note("registered " + MEMBERS + " members (V1 wallets) through the API");
    }

    private Window rawWindow(int clients) {
        harness.closedLoop("settle raw", clients, SETTINGS.settleSeconds(), raw::insert);
        var cpu = CpuMeter.sample();
        var outcome = harness.closedLoop("raw", clients, SETTINGS.measureSeconds(), raw::insert);
        var window = new Window();
        window.cpu = CpuMeter.between(cpu, CpuMeter.sample());
        return window.put("raw_insert_per_s", outcome.perSecond())
                .put("raw_insert_p50_ms", outcome.latencies().percentileMillis(50))
                .put("raw_insert_p99_ms", outcome.latencies().percentileMillis(99));
    }

    private Window webhookWindow(int clients) throws SQLException {
        harness.closedLoop("settle webhooks", clients, SETTINGS.settleSeconds(), this::webhook);
        awaitApplied();
        long appliedBefore = applied();
        var cpu = CpuMeter.sample();
        var outcome = harness.closedLoop("webhooks", clients, SETTINGS.measureSeconds(), this::webhook);
        long caughtUp = awaitApplied();
        var window = new Window();
        window.cpu = CpuMeter.between(cpu, CpuMeter.sample());
        return window.put("accepted_per_s", outcome.perSecond())
                .put("applied_per_s", (applied() - appliedBefore) / ((caughtUp - outcome.start()) / 1e9))
                .put("webhook_p50_ms", outcome.latencies().percentileMillis(50))
                .put("webhook_p99_ms", outcome.latencies().percentileMillis(99))
                .put("apply_lag_ms", (caughtUp - outcome.end()) / 1e6);
    }

    private void openLoop(double rate) throws SQLException {
        Harness.note(String.format(Locale.ROOT, "open loop at %.1f/s (half the accepted_per_s median at %d senders),"
                + " %s s each: raw inserts, then webhooks", rate, SETTINGS.headlineClients(), SETTINGS.measureSeconds()));
        var limit = harness.openLoop("open raw", rate, SETTINGS.measureSeconds(), raw::insert);
        awaitApplied();
        var cpu = CpuMeter.sample();
        var system = harness.openLoop("open webhooks", rate, SETTINGS.measureSeconds(),
                n -> webhook((int) (n % OpenLoop.SENDERS), OpenLoop.SENDERS, n / OpenLoop.SENDERS));
        long caughtUp = awaitApplied();
        String labels = String.format(Locale.ROOT, "mode=open rate=%.0f", rate);
        harness.cpu("system", labels, CpuMeter.between(cpu, CpuMeter.sample()));
        harness.latency("webhook", labels, limit, system, null);
        harness.figure("apply_lag_ms", labels, (caughtUp - system.end()) / 1e6);
    }

    /** One request of sender {@code k} of {@code clients}: a new purchase, or (one in five) a re-sent one. */
    private void webhook(int k, int clients, long n) throws Exception {
        List<String> mine = sent[k];
        boolean duplicate = ThreadLocalRandom.current().nextInt(5) == 0 && !mine.isEmpty();
        String body = duplicate ? mine.get(ThreadLocalRandom.current().nextInt(mine.size()))
                : purchase(MEMBER_PREFIX + ((k + n * clients) % MEMBERS));
        var response = post("/api/v1/webhooks/stripe", body, signature(body));
        if (response.statusCode() / 100 != 2) {
            refused.increment();
            throw new IllegalStateException("webhook answered " + response.statusCode() + ": " + response.body());
        }
        if (duplicate) {
            duplicatesAccepted.increment();
        } else {
            uniqueAccepted.increment();
            mine.add(body);
        }
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

    /** Purchases applied and projected: the bench members' movement counts (their only movements are purchases). */
    private long applied() throws SQLException {
        return app.queryLong("select coalesce(sum(movement_count), 0) from wallet where member_id like '"
                + MEMBER_PREFIX + "%'") - appliedBaseline;
    }

    private String appliedOrNaN() {
        try {
            return Long.toString(applied());
        } catch (SQLException e) {
            return "?";
        }
    }

    /** Waits until every unique purchase accepted so far is applied; answers when (nanoTime) it saw that. */
    private long awaitApplied() {
        return BenchApp.await("purchases applied to wallets", () -> {
            try {
                return applied();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, uniqueAccepted.sum(), CATCH_UP_TIMEOUT_S);
    }

    /** Every unique purchase is one stored purchase, one movement (one inbox row, one fact); duplicates nothing. */
    private boolean check() throws SQLException {
        awaitApplied();
        long unique = uniqueAccepted.sum();
        long stored = app.queryLong("select count(*) from domain_event_entry where payload_type ="
                + " 'wallet.TokensPurchased'");
        long movements = app.queryLong("select count(*) from wallet_movement where kind = 'TOKENS_PURCHASED' and"
                + " member_id like '" + MEMBER_PREFIX + "%'");
        long inbox = optionalCount("select count(*) from payment_inbox where provider_event_id like 'evt_bench%'");
        long facts = optionalCount("select count(*) from payment_fact where transaction_id like 'pi_bench%'");
        boolean exact = stored == unique && movements == unique && (inbox < 0 || inbox == unique)
                && (facts < 0 || facts == unique) && purchases.get() == unique;
        Harness.note("check: " + purchases.get() + " unique purchases sent, " + unique + " accepted; "
                + duplicatesAccepted.sum() + " duplicates accepted; " + refused.sum() + " not 2xx; stored TokensPurchased "
                + stored + ", wallet movements " + movements + ", inbox rows " + inbox + ", facts " + facts
                + " (-1: table not there)");
        harness.figure("check_unique_purchases", "accepted=" + unique + " stored=" + stored + " movements=" + movements
                + " inbox=" + inbox + " facts=" + facts, unique);
        harness.addSummary(harness.figure("duplicates_without_effect_pct", "duplicates=" + duplicatesAccepted.sum(),
                exact ? 100.0 : 100.0 * (1 - Math.abs(movements - unique) / (double) Math.max(1,
                        duplicatesAccepted.sum())), Double.NaN, new Target("value", ">=", 100), ""));
        return exact && refused.sum() == 0;
    }

    private long optionalCount(String sql) {
        try {
            return app.queryLong(sql);
        } catch (SQLException missing) {
            return -1;
        }
    }
}
