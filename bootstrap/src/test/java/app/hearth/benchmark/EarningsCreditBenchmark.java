package app.hearth.benchmark;

import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EarningsLedger.ActivityCredit;
import app.hearth.bootstrap.HearthApplication;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Earning Coins credits per second through the whole path — {@link EarningsLedger#credit} → Axon command →
 * {@code domain_event_entry} → the {@code earnings-read-model} processor → {@code earnings_entry} — divided by
 * limit (a) of design/benchmarks.md: raw one-row-per-transaction INSERTs into a table shaped like
 * {@code domain_event_entry}, plain JDBC, a pool of the application's size, same database, same run.
 *
 * <p>Not a test: run it with {@code ./mvnw -q -pl bootstrap -am -Pbenchmark verify -DskipTests}. It starts the real
 * application in-process (its web server on a random port, unused) on a fresh database it creates and drops, opens {@code bench.accounts}
 * earnings accounts through the ledger, warms up, then for each client count measures raw INSERTs and then
 * credits, each after a short uncounted settle. Client {@code k} of {@code c} credits the accounts
 * {@code k, k+c, k+2c, ...} round robin, so no two clients ever wait on the same account and every account is
 * credited about equally often (many companions, each credited now and then, as in production).
 *
 * <p>Credits per second count only credits both completed and projected: rows projected during the measured
 * window, divided by the time from its start to the moment the read model had caught up with its last credit.
 *
 * <p>Output: figure lines {@code name label=... value=...} (one figure each), and lines starting with {@code #} for
 * progress and notes. System properties (seconds unless said): {@code bench.warmup} (10), {@code bench.measure}
 * (20), {@code bench.settle} (2), {@code bench.clients} (1,8,16,32), {@code bench.accounts} (1000),
 * {@code bench.openLoop} (true: also credits at half the saturated rate, open loop, for latency),
 * {@code bench.db.server} (127.0.0.1:5432), {@code bench.db.user} (postgres).
 */
public final class EarningsCreditBenchmark {

    private static final double WARMUP_S = doubleProperty("bench.warmup", 10);
    private static final double MEASURE_S = doubleProperty("bench.measure", 20);
    private static final double SETTLE_S = doubleProperty("bench.settle", 2);
    private static final int[] CLIENTS = Arrays.stream(System.getProperty("bench.clients", "1,8,16,32").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    private static final int ACCOUNTS = Math.max(Integer.getInteger("bench.accounts", 1000),
            Arrays.stream(CLIENTS).max().orElse(1));
    private static final boolean OPEN_LOOP = Boolean.parseBoolean(System.getProperty("bench.openLoop", "true"));
    private static final String SERVER = System.getProperty("bench.db.server", "127.0.0.1:5432");
    private static final String USER = System.getProperty("bench.db.user", "postgres");
    private static final double CATCH_UP_TIMEOUT_S = doubleProperty("bench.catchUpTimeout", 180);
    /** How often the read model is polled while waiting for it to catch up (each poll sums 1 row per account). */
    private static final long POLL_NANOS = 2_000_000;
    private static final int HEADLINE_CLIENTS = 16;
    private static final double NOISE_PCT = 5.0;
    private static final double TARGET_RATIO = 0.40;
    private static final double TARGET_P99_MS = 5.0;

    private static final String RAW_TABLE = "bench_raw_event_entry";
    private static final String RAW_INSERT = "insert into " + RAW_TABLE + " (aggregate_identifier, sequence_number,"
            + " type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final String database;
    private final String url;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final String[] companions = new String[ACCOUNTS];
    private final AtomicLong[] rawSequences = new AtomicLong[ACCOUNTS];
    private final AtomicLong sourceReferences = new AtomicLong();
    private final List<String> summary = new ArrayList<>();
    private final List<String> errorsSeen = new ArrayList<>();

    /**
     * Accounts put into the aggregate cache fresh: each is a command that missed the cache and read the account's
     * whole stream (Ehcache reports creations, not reads, so hits are counted as commands minus misses).
     */
    private final LongAdder cacheMisses = new LongAdder();

    private ConfigurableApplicationContext app;
    private EarningsLedger ledger;
    private Connection monitor;
    private HikariDataSource rawPool;
    private RawEvent rawEvent;
    /** Credits that returned normally so far; the read model has caught up when it holds this many entries. */
    private final LongAdder credited = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /** Saturated credits per second by client count, for the open-loop rate. */
    private final java.util.Map<Integer, Double> creditsPerSecond = new java.util.TreeMap<>();

    /** What every raw row carries: the type, payload and metadata of a real credit event from this run. */
    private record RawEvent(String type, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /** One closed-loop run: completed calls, failures, start and end (nanoTime), latencies of completed calls. */
    private record Outcome(long done, long failed, long start, long end, Latencies latencies) {
        double seconds() {
            return (end - start) / 1e9;
        }
    }

    @FunctionalInterface
    private interface ClientCall {
        void call(int client, int clients, long iteration) throws Exception;
    }

    private EarningsCreditBenchmark(String database) {
        this.database = database;
        this.url = "jdbc:postgresql://" + SERVER + "/" + database;
        for (int i = 0; i < ACCOUNTS; i++) {
            companions[i] = String.format(Locale.ROOT, "bench-companion-%05d", i);
            rawSequences[i] = new AtomicLong();
        }
    }

    public static void main(String[] args) {
        String database = "hearth_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        var dropped = new AtomicBoolean();
        Runnable drop = () -> {
            if (dropped.compareAndSet(false, true)) {
                admin("drop database if exists " + database + " with (force)");
                note("dropped database " + database);
            }
        };
        admin("create database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(drop, "bench-drop-database"));
        int exit;
        try {
            exit = new EarningsCreditBenchmark(database).run();
        } catch (Throwable failure) {
            failure.printStackTrace();
            exit = 2;
        } finally {
            drop.run();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        try {
            start();
            warmUp();
            for (int clients : CLIENTS) {
                double raw = measureRawInserts(clients);
                CreditFigures credits = measureCredits(clients);
                creditsPerSecond.put(clients, credits.perSecond());
                figure("ratio", "clients=" + clients, credits.perSecond() / raw, 3);
                summary.add(String.format(Locale.ROOT, "clients=%-3d raw_insert_per_s=%8.1f credits_per_s=%7.1f"
                        + " ratio=%.3f credit_p50_ms=%.2f credit_p99_ms=%.2f catchup_ms=%.0f", clients, raw,
                        credits.perSecond(), credits.perSecond() / raw, credits.p50(), credits.p99(),
                        credits.catchUpMillis()));
            }
            if (OPEN_LOOP) {
                openLoop();
            }
            check();
            note("summary (target: ratio >= " + TARGET_RATIO + " with credit p99 <= " + TARGET_P99_MS + " ms):");
            summary.forEach(line -> note("  " + line));
            errorsSeen.stream().limit(5).forEach(error -> note("error: " + error));
            return errors.sum() == 0 ? 0 : 1;
        } finally {
            ticker.shutdownNow();
            if (rawPool != null) {
                rawPool.close();
            }
            if (monitor != null) {
                monitor.close();
            }
            if (app != null) {
                app.close();
            }
        }
    }

    private void start() throws Exception {
        note("database " + database + " on " + SERVER + "; starting Hearth in-process (web server on a random port, unused)");
        long started = System.nanoTime();
        var application = new SpringApplication(HearthApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        // The web server stays on (a random port, unused): the security configuration needs a servlet context.
        app = application.run("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + USER,
                "--server.port=0",
                "--hearth.database.create-if-missing=false", "--logging.level.root=WARN");
        ledger = app.getBean(EarningsLedger.class);
        app.getBean("earningsAccountCache", Cache.class).registerCacheEntryListener(new CacheMissCounter(cacheMisses));
        int poolSize = app.getBean(DataSource.class).unwrap(HikariDataSource.class).getMaximumPoolSize();
        monitor = DriverManager.getConnection(url, USER, "");
        note(String.format(Locale.ROOT, "Hearth started in %.1f s", (System.nanoTime() - started) / 1e9));

        Environment env = app.getEnvironment();
        note("config warmup_s=" + WARMUP_S + " measure_s=" + MEASURE_S + " settle_s=" + SETTLE_S + " clients="
                + Arrays.toString(CLIENTS) + " accounts=" + ACCOUNTS + " hikari_pool=" + poolSize
                + " processor=tracking batch_size=" + env.getProperty("hearth.projections.batch-size")
                + " threads=1 segments=1"
                + " synchronous_commit=" + queryText("show synchronous_commit")
                + " java=" + Runtime.version() + " cpus=" + Runtime.getRuntime().availableProcessors());
        note("accounts: client k of c credits accounts k, k+c, k+2c, ... round robin (no two clients share one)");

        rawPool = new HikariDataSource();
        rawPool.setPoolName("bench-raw");
        rawPool.setJdbcUrl(url);
        rawPool.setUsername(USER);
        rawPool.setMaximumPoolSize(poolSize);
        rawPool.setAutoCommit(true); // one row, one durable transaction
        try (var statement = monitor.createStatement()) {
            statement.execute("create table " + RAW_TABLE + " ("
                    + " global_index bigserial not null, aggregate_identifier varchar(255) not null,"
                    + " sequence_number bigint not null, type varchar(255), event_identifier varchar(255) not null,"
                    + " meta_data bytea, payload bytea not null, payload_revision varchar(255),"
                    + " payload_type varchar(255) not null, time_stamp varchar(255) not null,"
                    + " constraint " + RAW_TABLE + "_pk primary key (global_index),"
                    + " constraint " + RAW_TABLE + "_aggregate_sequence_uk unique (aggregate_identifier, sequence_number),"
                    + " constraint " + RAW_TABLE + "_event_identifier_uk unique (event_identifier))");
            statement.execute("create index " + RAW_TABLE + "_type_aggregate_ix on " + RAW_TABLE
                    + " (type, aggregate_identifier)");
        }

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
        long deadline = System.nanoTime() + (long) (CATCH_UP_TIMEOUT_S * 1e9);
        while (queryLong("select count(*) from earnings_account") < ACCOUNTS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the read model never showed the " + ACCOUNTS + " accounts");
            }
            Thread.sleep(10);
        }
        note(String.format(Locale.ROOT, "opened %d accounts through the ledger in %.1f s", ACCOUNTS,
                (System.nanoTime() - opening) / 1e9));
    }

    private void warmUp() throws Exception {
        int clients = Math.min(8, Arrays.stream(CLIENTS).max().orElse(8));
        note("warm-up: credits, " + clients + " clients, " + WARMUP_S + " s");
        closedLoop("warm-up credits", clients, WARMUP_S, this::credit);
        awaitProjected(credited.sum());
        try (var statement = monitor.prepareStatement("select type, payload_type, payload_revision, payload,"
                + " meta_data from domain_event_entry order by global_index desc limit 1");
             var rows = statement.executeQuery()) {
            rows.next();
            rawEvent = new RawEvent(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBytes(4),
                    rows.getBytes(5));
        }
        note("raw rows copy the last credit event: payload_type=" + rawEvent.payloadType() + " payload="
                + rawEvent.payload().length + " B meta_data="
                + (rawEvent.metaData() == null ? 0 : rawEvent.metaData().length) + " B, random UUID event ids");
        note("warm-up: raw inserts, " + clients + " clients, " + WARMUP_S / 2 + " s");
        closedLoop("warm-up raw", clients, WARMUP_S / 2, this::rawInsert);
    }

    private double measureRawInserts(int clients) throws Exception {
        closedLoop("settle raw", clients, SETTLE_S, this::rawInsert);
        var cpu = CpuMeter.sample();
        Outcome raw = closedLoop("raw", clients, MEASURE_S, this::rawInsert);
        var usage = CpuMeter.between(cpu, CpuMeter.sample());
        double perSecond = raw.done() / raw.seconds();
        String labels = "clients=" + clients;
        figure("raw_insert_per_s", labels, perSecond, 1);
        figure("raw_insert_p50_ms", labels, raw.latencies().percentileMillis(50), 3);
        figure("raw_insert_p99_ms", labels, raw.latencies().percentileMillis(99), 3);
        cpu("raw", clients, usage);
        return perSecond;
    }

    private record CreditFigures(double perSecond, double p50, double p99, double catchUpMillis) {
    }

    private CreditFigures measureCredits(int clients) throws Exception {
        closedLoop("settle credits", clients, SETTLE_S, this::credit);
        awaitProjected(credited.sum());
        long projectedBefore = projected();
        long missesBefore = cacheMisses.sum();
        var cpu = CpuMeter.sample();
        Outcome credits = closedLoop("credits", clients, MEASURE_S, this::credit);
        long misses = cacheMisses.sum() - missesBefore;
        long caughtUp = awaitProjected(credited.sum());
        var usage = CpuMeter.between(cpu, CpuMeter.sample());
        long projectedInWindow = projected() - projectedBefore;
        double perSecond = projectedInWindow / ((caughtUp - credits.start()) / 1e9);
        String labels = "clients=" + clients;
        figure("credits_per_s", labels, perSecond, 1);
        figure("credit_calls_per_s", labels, credits.done() / credits.seconds(), 1);
        figure("credit_p50_ms", labels, credits.latencies().percentileMillis(50), 3);
        figure("credit_p99_ms", labels, credits.latencies().percentileMillis(99), 3);
        figure("catchup_ms", labels, (caughtUp - credits.end()) / 1e6, 1);
        figure("aggregate_cache_hit_pct", labels,
                100.0 * Math.max(0, credits.done() - misses) / Math.max(1, credits.done()), 1);
        // Without a cache hit, a credit replays its account's whole stream: the longer the streams, the dearer.
        figure("events_per_account", labels, (double) (credited.sum() + ACCOUNTS) / ACCOUNTS, 1);
        figure("credit_errors", labels, credits.failed(), 0);
        cpu("credits", clients, usage);
        return new CreditFigures(perSecond, credits.latencies().percentileMillis(50),
                credits.latencies().percentileMillis(99), (caughtUp - credits.end()) / 1e6);
    }

    /**
     * Latency as the protocol wants it: credits started at a fixed rate (half of the saturated credits/s at 16
     * clients, or at the largest client count measured), whatever the previous ones are doing; each latency runs
     * from the moment its credit was due, so a stall counts for every credit it delays.
     */
    private void openLoop() throws Exception {
        int basis = creditsPerSecond.containsKey(HEADLINE_CLIENTS) ? HEADLINE_CLIENTS
                : creditsPerSecond.keySet().stream().max(Integer::compare).orElseThrow();
        double rate = creditsPerSecond.get(basis) / 2;
        note(String.format(Locale.ROOT, "open loop: credits due at %.1f/s (half of credits_per_s at clients=%d)"
                + " for %s s", rate, basis, MEASURE_S));
        awaitProjected(credited.sum());
        long projectedBefore = projected();
        long period = (long) (1e9 / rate);
        int count = (int) Math.max(1, MEASURE_S * rate);
        long[] latencies = new long[count];
        var failed = new LongAdder();
        var done = new LongAdder();
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor();
             var progress = progress("open loop", 0, done, start)) {
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                executor.submit(() -> {
                    try {
                        creditAccount(index % ACCOUNTS);
                        latencies[index] = System.nanoTime() - due;
                        done.increment();
                    } catch (Exception e) {
                        latencies[index] = -1;
                        failed.increment();
                        recordError(e);
                    }
                });
            }
        }
        long end = System.nanoTime();
        long caughtUp = awaitProjected(credited.sum());
        var sorted = new Latencies();
        Arrays.stream(latencies).filter(l -> l >= 0).forEach(sorted::add);
        sorted = Latencies.merge(List.of(sorted));
        String labels = String.format(Locale.ROOT, "mode=open rate=%.0f", rate);
        figure("credits_per_s", labels, (projected() - projectedBefore) / ((caughtUp - start) / 1e9), 1);
        figure("credit_p50_ms", labels, sorted.percentileMillis(50), 3);
        figure("credit_p99_ms", labels, sorted.percentileMillis(99), 3);
        figure("catchup_ms", labels, (caughtUp - end) / 1e6, 1);
        figure("credit_errors", labels, failed.sum(), 0);
        summary.add(String.format(Locale.ROOT, "open loop at %.0f/s: credit_p50_ms=%.2f credit_p99_ms=%.2f"
                + " catchup_ms=%.0f", rate, sorted.percentileMillis(50), sorted.percentileMillis(99), (caughtUp - end) / 1e6));
    }

    /** The read model against the event store and the calls: every credit projected once, nothing else. */
    private void check() throws SQLException {
        long entries = queryLong("select count(*) from earnings_entry");
        long events = queryLong("select count(*) from domain_event_entry");
        long returned = credited.sum();
        boolean consistent = entries == returned && events == returned + ACCOUNTS;
        note("check: credits_returned=" + returned + " entries_projected=" + entries + " events=" + events
                + " (= accounts " + ACCOUNTS + " + credits) errors=" + errors.sum() + (consistent ? " OK" : " MISMATCH"));
        figure("errors", "total", errors.sum(), 0);
        if (!consistent) {
            errors.increment();
        }
    }

    private void credit(int client, int clients, long iteration) {
        // Client k's accounts are k, k+c, k+2c, ...: round robin over them.
        int perClient = (ACCOUNTS - client + clients - 1) / clients;
        creditAccount(client + (int) (iteration % perClient) * clients);
    }

    private void creditAccount(int account) {
        ledger.credit(new ActivityCredit(companions[account], "bench-" + sourceReferences.incrementAndGet(),
                ActivityKind.AUDIO_CALL_MINUTE, 1, Instant.now(), ZoneOffset.UTC, null, "benchmark"));
        credited.increment();
    }

    private void rawInsert(int client, int clients, long iteration) throws SQLException {
        int perClient = (ACCOUNTS - client + clients - 1) / clients;
        int account = client + (int) (iteration % perClient) * clients;
        try (var connection = rawPool.getConnection();
             var insert = connection.prepareStatement(RAW_INSERT)) {
            insert.setString(1, "raw:" + companions[account]);
            insert.setLong(2, rawSequences[account].getAndIncrement());
            insert.setString(3, rawEvent.type());
            insert.setString(4, UUID.randomUUID().toString());
            insert.setBytes(5, rawEvent.metaData());
            insert.setBytes(6, rawEvent.payload());
            insert.setString(7, rawEvent.payloadRevision());
            insert.setString(8, rawEvent.payloadType());
            insert.setString(9, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    private Outcome closedLoop(String phase, int clients, double seconds, ClientCall call) throws Exception {
        var done = new LongAdder();
        var failed = new LongAdder();
        var latencies = new ArrayList<Latencies>();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor();
             var progress = progress(phase, clients, done, start)) {
            for (int k = 0; k < clients; k++) {
                var mine = new Latencies();
                latencies.add(mine);
                int client = k;
                executor.submit(() -> {
                    for (long i = 0; System.nanoTime() < deadline; i++) {
                        long began = System.nanoTime();
                        try {
                            call.call(client, clients, i);
                            mine.add(System.nanoTime() - began);
                            done.increment();
                        } catch (Exception e) {
                            failed.increment();
                            recordError(e);
                        }
                    }
                });
            }
        }
        return new Outcome(done.sum(), failed.sum(), start, System.nanoTime(), Latencies.merge(latencies));
    }

    private AutoCloseable progress(String phase, int clients, LongAdder done, long start) {
        var task = ticker.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - start) / 1e9;
            long count = done.sum();
            note(String.format(Locale.ROOT, "progress %s%s t=%.0fs done=%d (%.0f/s) projected_entries=%s", phase,
                    clients > 0 ? " clients=" + clients : "", elapsed, count, count / elapsed, safeProjected()));
        }, 5, 5, TimeUnit.SECONDS);
        return () -> task.cancel(false);
    }

    /** Waits until the read model holds {@code entries} entries; answers the moment (nanoTime) it saw them. */
    private long awaitProjected(long entries) throws Exception {
        long deadline = System.nanoTime() + (long) (CATCH_UP_TIMEOUT_S * 1e9);
        while (true) {
            long seen = projected();
            long now = System.nanoTime();
            if (seen >= entries) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("the read model is stuck at " + seen + " of " + entries + " entries");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Entries the read model holds: the sum of the accounts' entry counts, which the projection moves in the
     * transaction that inserts the entry (and its token); cheap to poll, unlike counting earnings_entry.
     */
    private long projected() throws SQLException {
        synchronized (monitor) {
            return queryLong("select coalesce(sum(entry_count), 0) from earnings_account");
        }
    }

    private String safeProjected() {
        try {
            return Long.toString(projected());
        } catch (SQLException e) {
            return "?";
        }
    }

    private long queryLong(String sql) throws SQLException {
        synchronized (monitor) {
            try (var statement = monitor.createStatement(); var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String queryText(String sql) throws SQLException {
        synchronized (monitor) {
            try (var statement = monitor.createStatement(); var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private synchronized void recordError(Exception e) {
        errors.increment();
        if (errorsSeen.size() < 5) {
            errorsSeen.add(e.toString());
        }
    }

    private void cpu(String phase, int clients, CpuMeter.Usage usage) {
        String labels = "phase=" + phase + " clients=" + clients;
        figure("cpu_jvm_pct", labels, usage.jvm(), 1);
        figure("cpu_postgres_pct", labels, usage.postgres(), 1);
        figure("cpu_other_pct", labels, usage.other(), 1);
        if (usage.other() > NOISE_PCT) {
            note(String.format(Locale.ROOT, "NOISE: other processes used %.1f%% of the machine during %s clients=%d"
                    + " (protocol: over %.0f%% makes the phase noise)", usage.other(), phase, clients, NOISE_PCT));
        }
    }

    /** Counts accounts entering the cache: a miss means Axon read the account's whole event stream. */
    private record CacheMissCounter(LongAdder misses) implements Cache.EntryListener {
        @Override
        public void onEntryRead(Object key, Object value) {
        }

        @Override
        public void onEntryExpired(Object key) {
        }

        @Override
        public void onEntryRemoved(Object key) {
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
        }

        @Override
        public void onEntryCreated(Object key, Object value) {
            misses.increment();
        }

        @Override
        public Object clone() {
            return this;
        }
    }

    private static void figure(String name, String labels, double value, int decimals) {
        System.out.println(name + " " + labels + " value=" + String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    private static void note(String text) {
        System.out.println("# " + text);
    }

    private static void admin(String sql) {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on PostgreSQL at " + SERVER + ": "
                    + e.getMessage(), e);
        }
    }

    private static double doubleProperty(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }
}
