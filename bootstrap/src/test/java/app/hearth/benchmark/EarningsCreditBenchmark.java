package app.hearth.benchmark;

import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EarningsLedger.ActivityCredit;
import app.hearth.benchmark.Harness.Pair;
import app.hearth.benchmark.Harness.Target;
import app.hearth.benchmark.Harness.Window;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.common.caching.Cache;

/**
 * R1 of issue 15: Earning Coins credits per second through the whole path — {@link EarningsLedger#credit} → Axon
 * command → {@code domain_event_entry} → the {@code earnings-read-model} processor → {@code earnings_entry} —
 * divided by limit (a) of design/benchmarks.md ({@link EventStoreLimit}), measured in the same run on the same
 * database. Target: ratio ≥ 0.40 at 16 clients with p99 ≤ 5 ms (open loop at half the saturated rate).
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-credits verify -DskipTests}. It starts Hearth
 * in-process on a fresh database (dropped afterwards), opens {@code bench.accounts} earnings accounts, warms up, then
 * follows the protocol of {@link Harness}. Client {@code k} of {@code c} credits the accounts {@code k, k+c, ...}
 * round robin, so no two clients wait on the same account. Credits per second count credits both completed and
 * projected: entries projected during the window ÷ the time from its start until the read model caught up.
 * Properties: those of {@link BenchSettings} (defaults warm-up 20 s, windows 15 s), {@code bench.accounts} (1000),
 * {@code bench.catchUpTimeout} (180 s).
 */
public final class EarningsCreditBenchmark {

    private static final BenchSettings SETTINGS = BenchSettings.read(20, 15);
    private static final int ACCOUNTS = Math.max(BenchSettings.intProperty("bench.accounts", 1000),
            SETTINGS.maxClients());
    private static final double CATCH_UP_TIMEOUT_S = BenchSettings.seconds("bench.catchUpTimeout", 180);

    private final String url;
    private final String[] companions = new String[ACCOUNTS];
    private final AtomicLong sourceReferences = new AtomicLong();
    /** Credits that returned normally; the read model has caught up when it holds this many entries. */
    private final LongAdder credited = new LongAdder();
    /** Commands that found their account in the aggregate cache (see CacheHitCounter). */
    private final LongAdder cacheHits = new LongAdder();
    private boolean cacheCounted;
    private Harness harness;
    private BenchApp app;
    private EarningsLedger ledger;
    private EventStoreLimit raw;

    private EarningsCreditBenchmark(String url) {
        this.url = url;
        for (int i = 0; i < ACCOUNTS; i++) {
            companions[i] = String.format(Locale.ROOT, "bench-companion-%05d", i);
        }
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_credits", url -> new EarningsCreditBenchmark(url).run());
    }

    private int run() throws Exception {
        try (var h = new Harness("R1 earnings credits", SETTINGS);
             var started = BenchApp.start(url)) {
            harness = h;
            app = started;
            ledger = app.bean(EarningsLedger.class);
            try {
                app.context.getBean("earningsAccountCache", Cache.class)
                        .registerCacheEntryListener(new CacheHitCounter(cacheHits));
                cacheCounted = true;
            } catch (RuntimeException noSuchCache) {
                Harness.note("no bean earningsAccountCache: aggregate_cache_hit_pct not measured");
            }
            harness.progressDetail(() -> "projected_entries=" + projectedOrNaN());
            raw = new EventStoreLimit(url, BenchDatabase.USER, app.poolSize, ACCOUNTS);
            try {
                openAccounts();
                warmUp();
                var medians = harness.sweep(this::rawWindow, this::creditWindow, List.of(
                        new Pair("credits_per_s", "raw_insert_per_s", Target.ratioAtLeast(0.40)),
                        new Pair("credit_calls_per_s", "raw_insert_per_s", null),
                        new Pair("credit_p50_ms", "raw_insert_p50_ms", null),
                        new Pair("credit_p99_ms", "raw_insert_p99_ms", null),
                        new Pair("catchup_ms", null, null),
                        new Pair("aggregate_cache_hit_pct", null, null)));
                openLoop(medians.get(SETTINGS.headlineClients()).get("credits_per_s") / 2);
                return harness.finish(check());
            } finally {
                raw.close();
            }
        }
    }

    private void openAccounts() throws Exception {
        long opening = System.nanoTime();
        var admin = new Actor("bench-admin", Role.ADMIN);
        var next = new AtomicLong();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < 8; worker++) {
                executor.submit(() -> {
                    for (long i = next.getAndIncrement(); i < ACCOUNTS; i = next.getAndIncrement()) {
                        ledger.open(admin, companions[(int) i]);
                    }
                    return null;
                });
            }
        }
        BenchApp.await("the earnings read model's accounts", () -> count("select count(*) from earnings_account"),
                ACCOUNTS, CATCH_UP_TIMEOUT_S);
        Harness.note(String.format(Locale.ROOT, "opened %d accounts through the ledger in %.1f s", ACCOUNTS,
                (System.nanoTime() - opening) / 1e9));
    }

    private void warmUp() throws Exception {
        int clients = Math.min(16, SETTINGS.maxClients());
        Harness.note("warm-up: credits, " + clients + " clients, " + SETTINGS.warmupSeconds() + " s");
        harness.closedLoop("warm-up credits", clients, SETTINGS.warmupSeconds(), this::credit);
        awaitProjected();
        Harness.note(raw.copyEvent(app.monitor(), app.queryText(
                "select payload_type from domain_event_entry order by global_index desc limit 1")));
        harness.closedLoop("warm-up raw", clients, SETTINGS.warmupSeconds() / 2, raw::insert);
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

    private Window creditWindow(int clients) throws SQLException {
        harness.closedLoop("settle credits", clients, SETTINGS.settleSeconds(), this::credit);
        awaitProjected();
        long projectedBefore = projected();
        long hitsBefore = cacheHits.sum();
        var cpu = CpuMeter.sample();
        var outcome = harness.closedLoop("credits", clients, SETTINGS.measureSeconds(), this::credit);
        long hits = cacheHits.sum() - hitsBefore;
        long caughtUp = awaitProjected();
        var window = new Window();
        window.cpu = CpuMeter.between(cpu, CpuMeter.sample());
        return window.put("credits_per_s", (projected() - projectedBefore) / ((caughtUp - outcome.start()) / 1e9))
                .put("credit_calls_per_s", outcome.perSecond())
                .put("credit_p50_ms", outcome.latencies().percentileMillis(50))
                .put("credit_p99_ms", outcome.latencies().percentileMillis(99))
                .put("catchup_ms", (caughtUp - outcome.end()) / 1e6)
                .put("aggregate_cache_hit_pct", cacheCounted
                        ? 100.0 * Math.min(hits, outcome.done()) / Math.max(1, outcome.done()) : Double.NaN);
    }

    /** Latency as the protocol wants it: credits and raw inserts due at the same fixed rate, open loop. */
    private void openLoop(double rate) throws SQLException {
        Harness.note(String.format(Locale.ROOT, "open loop at %.1f/s (half the credits_per_s median at %d clients),"
                + " %s s each: raw inserts, then credits", rate, SETTINGS.headlineClients(), SETTINGS.measureSeconds()));
        var limit = harness.openLoop("open raw", rate, SETTINGS.measureSeconds(), raw::insert);
        awaitProjected();
        long projectedBefore = projected();
        var cpu = CpuMeter.sample();
        var system = harness.openLoop("open credits", rate, SETTINGS.measureSeconds(),
                n -> creditAccount((int) (n % ACCOUNTS)));
        long caughtUp = awaitProjected();
        String labels = String.format(Locale.ROOT, "mode=open rate=%.0f", rate);
        harness.cpu("system", labels, CpuMeter.between(cpu, CpuMeter.sample()));
        harness.latency("credit", labels, limit, system, Target.valueAtMost(5));
        harness.figure("credits_per_s", labels, (projected() - projectedBefore) / ((caughtUp - system.start()) / 1e9));
        harness.figure("catchup_ms", labels, (caughtUp - system.end()) / 1e6);
    }

    /** Every credit that returned is projected exactly once, and the event store holds nothing else. */
    private boolean check() throws SQLException {
        long entries = app.queryLong("select count(*) from earnings_entry");
        long events = app.queryLong("select count(*) from domain_event_entry");
        long returned = credited.sum();
        boolean consistent = entries == returned && events == returned + ACCOUNTS;
        Harness.note("check: credits_returned=" + returned + " entries_projected=" + entries + " events=" + events
                + " (= accounts " + ACCOUNTS + " + credits) " + (consistent ? "OK" : "MISMATCH"));
        harness.figure("check_credits_exactly_once", "total", consistent ? 1 : 0);
        return consistent;
    }

    private void credit(int client, int clients, long iteration) {
        int perClient = (ACCOUNTS - client + clients - 1) / clients;
        creditAccount(client + (int) (iteration % perClient) * clients);
    }

    private void creditAccount(int account) {
        ledger.credit(new ActivityCredit(companions[account], "bench-" + sourceReferences.incrementAndGet(),
                ActivityKind.AUDIO_CALL_MINUTE, 1, Instant.now(), ZoneOffset.UTC, null, "benchmark"));
        credited.increment();
    }

    private long awaitProjected() {
        return BenchApp.await("the earnings read model", this::projectedOrFail, credited.sum(), CATCH_UP_TIMEOUT_S);
    }

    /** Entries projected: the accounts' entry counts, moved in the transaction that inserts each entry. */
    private long projected() throws SQLException {
        return app.queryLong("select coalesce(sum(entry_count), 0) from earnings_account");
    }

    private long projectedOrFail() {
        try {
            return projected();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String projectedOrNaN() {
        try {
            return Long.toString(projected());
        } catch (SQLException e) {
            return "?";
        }
    }

    private long count(String sql) {
        try {
            return app.queryLong(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts hits of the committed-only aggregate cache (ADR 0042): a command that finds its account there takes it
     * out (a removal) and puts it back after commit; a command that misses reads the account's events.
     */
    private record CacheHitCounter(LongAdder hits) implements Cache.EntryListener {
        @Override
        public void onEntryRead(Object key, Object value) {
        }

        @Override
        public void onEntryExpired(Object key) {
        }

        @Override
        public void onEntryRemoved(Object key) {
            hits.increment();
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
        }

        @Override
        public void onEntryCreated(Object key, Object value) {
        }

        @Override
        public Object clone() {
            return this;
        }
    }
}
