package app.hearth.benchmark;

import app.hearth.application.earnings.EarningsLedger;
import app.hearth.bootstrap.AuditEarningsCommand;
import app.hearth.bootstrap.HearthApplication;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.earnings.EarningsEvent.ActivityCredited;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EntryHash;
import app.hearth.domain.earnings.EntryKind;
import app.hearth.domain.earnings.LedgerEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleSupplier;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark R3 (issue 15, design/benchmarks.md): replays, each beside its limit measured in the same run on the same
 * database, median of {@code bench.runs} with the spread.
 * <ul>
 *   <li>{@code projection_replay_events_per_s}: the {@code earnings-read-model} processor reset and replayed over
 *       {@code bench.replay-events} earnings events (from the start to every segment at the head), divided by
 *       {@code raw_projection_events_per_s}: plain JDBC reading 500 events at a time in {@code global_index}
 *       order, parsing their JSON and applying them to tables shaped like {@code earnings_account} and
 *       {@code earnings_entry} (a multi-row INSERT of the entries, one UPDATE per account, one commit per 500).
 *       Target ratio ≥ 0.5.</li>
 *   <li>{@code audit_seconds}: the auditor's {@code audit-earnings} command-line mode (its own application context,
 *       as {@code java -jar hearth.jar audit-earnings} runs it) over {@code bench.audit-events} (1,000,000) events:
 *       every hash chain checked and every account compared with the read model; target ≤ 60 s, and the report
 *       must be CLEAN.</li>
 * </ul>
 * Events are generated fast, not through commands: valid earnings events (the domain's {@link EntryHash} chains,
 * serialized by the application's own event serializer, a real credit's metadata) inserted with batched plain JDBC
 * into {@code domain_event_entry}, {@code bench.accounts} accounts credited round robin.
 *
 * <p>Run: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-replay verify -DskipTests}. Properties:
 * {@code bench.runs} (3), {@code bench.accounts} (1000), {@code bench.replay-events} (200000),
 * {@code bench.audit-events} (1000000), {@code bench.spring} (extra application arguments, comma-separated).
 */
public final class ReplayBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 1000);
    private static final long REPLAY_EVENTS = Long.getLong("bench.replay-events", 200_000);
    private static final long AUDIT_EVENTS = Long.getLong("bench.audit-events", 1_000_000);
    private static final List<String> SPRING = Arrays.stream(System.getProperty("bench.spring", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
    private static final String USER = BenchDatabase.USER;
    private static final String PROCESSOR = "earnings-read-model";
    private static final int RAW_BATCH = 500;
    private static final double TARGET_RATIO = 0.5;
    private static final double TARGET_AUDIT_S = 60;
    private static final int COPY_ROWS = 20_000;

    private final String url;
    private final ObjectMapper json = JsonMapper.builder().build();
    private ConfigurableApplicationContext app;
    private Serializer serializer;
    private byte[] metaData;
    private final Account[] accounts = new Account[ACCOUNTS];
    private long generated;
    private long entries;

    /** One generated account: its next sequence number and the tip of its chain. */
    private static final class Account {
        final String companionId;
        long sequence;
        long position;
        long balance;
        String lastHash = EntryHash.GENESIS;
        Instant updatedAt;

        Account(String companionId) {
            this.companionId = companionId;
        }
    }

    private ReplayBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_replay", url -> new ReplayBenchmark(url).run());
    }

    private int run() throws Exception {
        try {
            start();
            generateUpTo(REPLAY_EVENTS, false);
            double caughtUp = awaitProjected();
            note(String.format(Locale.ROOT, "the live projection took %d events in %.1f s after generation", generated,
                    caughtUp));
            var raw = new ArrayList<Double>();
            var replay = new ArrayList<Double>();
            var ratios = new ArrayList<Double>();
            for (int run = 1; run <= RUNS; run++) {
                var cpu = CpuMeter.sample();
                double rawRate = rawProjection();
                cpu("raw_projection", run, CpuMeter.between(cpu, CpuMeter.sample()));
                cpu = CpuMeter.sample();
                double replayRate = projectionReplay();
                cpu("projection_replay", run, CpuMeter.between(cpu, CpuMeter.sample()));
                raw.add(rawRate);
                replay.add(replayRate);
                ratios.add(replayRate / rawRate);
                note(String.format(Locale.ROOT, "run %d: raw projection %.0f events/s, projection replay %.0f"
                        + " events/s, ratio %.3f", run, rawRate, replayRate, replayRate / rawRate));
            }
            figure("raw_projection_events_per_s", "events=" + generated, raw, 0, "limit");
            figure("projection_replay_events_per_s", "events=" + generated, replay, 0, "raw="
                    + String.format(Locale.ROOT, "%.0f", median(raw)));
            figure("projection_replay_ratio", "events=" + generated, ratios, 3, "target>=" + TARGET_RATIO);

            // the projection has replayed to the head: it is stopped, and the rest is written with its read model
            app.getBean(EventProcessingConfiguration.class).eventProcessor(PROCESSOR, TrackingEventProcessor.class)
                    .orElseThrow().shutDown();
            generateUpTo(AUDIT_EVENTS, true);
            var audits = new ArrayList<Double>();
            boolean clean = true;
            for (int run = 1; run <= RUNS; run++) {
                var cpu = CpuMeter.sample();
                AuditRun audit = audit();
                cpu("audit", run, CpuMeter.between(cpu, CpuMeter.sample()));
                audits.add(audit.seconds());
                clean &= audit.clean();
                note(String.format(Locale.ROOT, "run %d: audit of %d entries in %.2f s (%s), %.1f s with start-up",
                        run, audit.entries(), audit.seconds(), audit.clean() ? "CLEAN" : "NOT CLEAN",
                        audit.wallSeconds()));
            }
            figure("audit_seconds", "events=" + generated, audits, 2, "target<=" + TARGET_AUDIT_S);
            System.out.println("audit_clean events=" + generated + " value=" + clean);
            boolean met = median(ratios) >= TARGET_RATIO && median(audits) <= TARGET_AUDIT_S && clean;
            note(met ? "targets met" : "a target is missed");
            return clean ? 0 : 1;
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    private void start() throws Exception {
        long started = System.nanoTime();
        var application = new SpringApplication(HearthApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        var arguments = new ArrayList<>(List.of("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + USER, "--server.port=0",
                "--hearth.database.create-if-missing=false", "--logging.level.root=WARN"));
        SPRING.forEach(argument -> arguments.add("--" + argument));
        app = application.run(arguments.toArray(String[]::new));
        serializer = app.getBean("eventSerializer", Serializer.class);
        var env = app.getEnvironment();
        note(String.format(Locale.ROOT, "Hearth started in %.1f s; %s: segments=%s batch_size=%s; pool=%s;"
                        + " accounts=%d replay_events=%d audit_events=%d runs=%d cpus=%d extra=%s",
                (System.nanoTime() - started) / 1e9, PROCESSOR,
                env.getProperty("hearth.projections.segments." + PROCESSOR, "1"),
                env.getProperty("hearth.projections.batch-size"),
                env.getProperty("spring.datasource.hikari.maximum-pool-size"), ACCOUNTS, REPLAY_EVENTS,
                AUDIT_EVENTS, RUNS, Runtime.getRuntime().availableProcessors(), SPRING));
        // one real credit through the ledger, for the metadata every generated event carries
        var ledger = app.getBean(EarningsLedger.class);
        ledger.open(new Actor("bench-admin", Role.ADMIN), "bench-probe");
        ledger.credit(new EarningsLedger.ActivityCredit("bench-probe", "probe", ActivityKind.AUDIO_CALL_MINUTE, 1,
                Instant.now(), ZoneId.of("UTC"), null, "calls"));
        try (Connection connection = connect();
             var rows = connection.createStatement().executeQuery("select meta_data from domain_event_entry"
                     + " where aggregate_identifier = 'earnings:bench-probe' order by sequence_number desc limit 1")) {
            rows.next();
            metaData = rows.getBytes(1);
        }
        generated = 2;
        entries = 1;
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts[i] = new Account(String.format(Locale.ROOT, "bench-replay-%05d", i));
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, properties);
    }

    /**
     * Inserts valid earnings events (opens, then credits round robin) until the store holds {@code total}, with
     * {@code COPY} in pieces of {@value #COPY_ROWS} events, one transaction each. With {@code readModelToo} it also
     * writes what the projection would (the entries by {@code COPY}, each account's figures at the end): the audit's
     * 1,000,000 events are then not waited for through the live projection, which is stopped for it.
     */
    private void generateUpTo(long total, boolean readModelToo) throws Exception {
        long started = System.nanoTime();
        long from = generated;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int next = 0;
            while (generated < total) {
                var events = new StringBuilder(COPY_ROWS * 1200);
                var rows = new StringBuilder(readModelToo ? COPY_ROWS * 400 : 0);
                for (int i = 0; i < COPY_ROWS && generated < total; i++) {
                    Account account = accounts[next];
                    next = (next + 1) % ACCOUNTS;
                    Instant at = Instant.now();
                    EarningsEvent event;
                    if (account.sequence == 0) {
                        if (readModelToo) {
                            throw new IllegalStateException("the audit's events only credit opened accounts");
                        }
                        event = new EarningsAccountOpened(account.companionId, "bench-admin", at);
                    } else {
                        account.position++;
                        account.balance += 10;
                        var entry = new LedgerEntry("entry-" + account.companionId + "-" + account.position,
                                account.position, EntryKind.ACTIVITY_CREDIT, 10, account.balance,
                                "audio call minute", "source-" + account.position, "calls", "rules-v1", at,
                                account.lastHash, null);
                        var credit = new ActivityCredited(account.companionId, entry, ActivityKind.AUDIO_CALL_MINUTE,
                                1, 10, 10_000, List.of());
                        String hash = EntryHash.of(account.companionId, entry, credit.hashedDetails());
                        event = new ActivityCredited(account.companionId, entry.withHash(hash),
                                ActivityKind.AUDIO_CALL_MINUTE, 1, 10, 10_000, List.of());
                        if (readModelToo) {
                            row(rows, account.companionId, Long.toString(account.position), entry.entryId(),
                                    entry.kind().name(), "10", Long.toString(account.balance), entry.reason(),
                                    entry.reference(), entry.actor(), entry.ruleVersion(), "10000", at.toString(),
                                    account.lastHash, hash);
                        }
                        account.lastHash = hash;
                        account.updatedAt = at;
                        entries++;
                    }
                    SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
                    row(events, IdentifierFactory.getInstance().generateIdentifier(),
                            "earnings:" + account.companionId, Long.toString(account.sequence++), "EarningsAccount",
                            at.toString(), payload.getType().getName(), payload.getType().getRevision(),
                            bytea(payload.getData()), bytea(metaData));
                    generated++;
                }
                copy.copyIn("copy domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) from stdin",
                        new StringReader(events.toString()));
                if (readModelToo) {
                    copy.copyIn("copy earnings_entry (companion_id, position, entry_id, kind, coins, balance_after,"
                            + " reason, reference, actor, rule_version, multiplier_basis_points, occurred_at,"
                            + " previous_hash, hash) from stdin", new StringReader(rows.toString()));
                }
                connection.commit();
            }
            if (readModelToo) {
                try (var figures = connection.prepareStatement("update earnings_account set balance = ?,"
                        + " lifetime_earned = ?, entry_count = ?, last_hash = ?, updated_at = ?::timestamptz"
                        + " where companion_id = ?")) {
                    for (Account account : accounts) {
                        figures.setLong(1, account.balance);
                        figures.setLong(2, account.balance);
                        figures.setLong(3, account.position);
                        figures.setString(4, account.lastHash);
                        figures.setString(5, account.updatedAt.toString());
                        figures.setString(6, account.companionId);
                        figures.addBatch();
                    }
                    figures.executeBatch();
                }
                connection.commit();
            }
        }
        note(String.format(Locale.ROOT, "generated %d events (%d in all)%s in %.1f s", generated - from, generated,
                readModelToo ? " and their read model" : "", (System.nanoTime() - started) / 1e9));
    }

    /** One line of {@code COPY}'s text format (tab-separated, {@code \\N} for null, backslash escapes). */
    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String field = fields[i];
            if (field == null) {
                out.append("\\N");
                continue;
            }
            for (int c = 0; c < field.length(); c++) {
                char ch = field.charAt(c);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A {@code bytea} in hex input form ({@code \\x...}; {@link #row} doubles the backslash). */
    private static String bytea(byte[] data) {
        var hex = new StringBuilder(2 + data.length * 2).append("\\x");
        for (byte b : data) {
            hex.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return hex.toString();
    }

    /** Waits until the read model holds every generated entry; returns the seconds waited. */
    private double awaitProjected() throws Exception {
        long started = System.nanoTime();
        try (Connection connection = connect()) {
            while (count(connection, "earnings_entry") < entries) {
                Thread.sleep(200);
                if (System.nanoTime() - started > 900e9) {
                    throw new IllegalStateException("the read model did not catch up in 15 minutes");
                }
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (var rows = connection.createStatement().executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The limit: plain JDBC reads 500 earnings events at a time in order, parses each one's JSON and applies the
     * batch to copies of the read model's tables (accounts inserted, entries inserted in one multi-row INSERT, one
     * UPDATE per account moved, one commit per batch). Returns events per second.
     */
    private double rawProjection() throws Exception {
        try (Connection connection = connect(); var ddl = connection.createStatement()) {
            ddl.execute("drop table if exists bench_raw_entry");
            ddl.execute("drop table if exists bench_raw_account");
            ddl.execute("create table bench_raw_account (like earnings_account including all)");
            ddl.execute("create table bench_raw_entry (like earnings_entry including all)");
        }
        long started = System.nanoTime();
        long events = 0;
        try (Connection connection = connect();
             var read = connection.prepareStatement("select global_index, payload_type, payload from"
                     + " domain_event_entry where global_index > ? and type = 'EarningsAccount'"
                     + " order by global_index limit " + RAW_BATCH);
             var open = connection.prepareStatement("insert into bench_raw_account (companion_id, balance,"
                     + " lifetime_earned, lifetime_penalties, entry_count, last_hash, opened_at, updated_at)"
                     + " values (?, 0, 0, 0, 0, ?, ?::timestamptz, ?::timestamptz) on conflict do nothing");
             var entry = connection.prepareStatement("insert into bench_raw_entry (companion_id, position, entry_id,"
                     + " kind, coins, balance_after, reason, reference, actor, rule_version, multiplier_basis_points,"
                     + " occurred_at, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz,"
                     + " ?, ?) on conflict do nothing");
             var move = connection.prepareStatement("update bench_raw_account set balance = ?, lifetime_earned ="
                     + " lifetime_earned + ?, entry_count = ?, last_hash = ?, updated_at = ?::timestamptz"
                     + " where companion_id = ? and entry_count = ?")) {
            connection.setAutoCommit(false);
            long after = 0;
            while (true) {
                read.setLong(1, after);
                int inBatch = 0;
                var moves = new HashMap<String, long[]>();
                var last = new HashMap<String, JsonNode>();
                boolean opens = false;
                boolean entered = false;
                try (var rows = read.executeQuery()) {
                    while (rows.next()) {
                        inBatch++;
                        after = rows.getLong(1);
                        JsonNode event = json.readTree(new String(rows.getBytes(3), StandardCharsets.UTF_8));
                        String companion = event.get("companionId").asString();
                        if (rows.getString(2).endsWith("EarningsAccountOpened")) {
                            String at = event.get("openedAt").asString();
                            open.setString(1, companion);
                            open.setString(2, EntryHash.GENESIS);
                            open.setString(3, at);
                            open.setString(4, at);
                            open.addBatch();
                            opens = true;
                            continue;
                        }
                        JsonNode e = event.get("entry");
                        long position = e.get("position").asLong();
                        entry.setString(1, companion);
                        entry.setLong(2, position);
                        entry.setString(3, e.get("entryId").asString());
                        entry.setString(4, e.get("kind").asString());
                        entry.setLong(5, e.get("coins").asLong());
                        entry.setLong(6, e.get("balanceAfter").asLong());
                        entry.setString(7, text(e, "reason"));
                        entry.setString(8, text(e, "reference"));
                        entry.setString(9, text(e, "actor"));
                        entry.setString(10, text(e, "ruleVersion"));
                        entry.setInt(11, event.path("multiplierBasisPoints").asInt());
                        entry.setString(12, e.get("occurredAt").asString());
                        entry.setString(13, e.get("previousHash").asString());
                        entry.setString(14, e.get("hash").asString());
                        entry.addBatch();
                        entered = true;
                        long[] m = moves.computeIfAbsent(companion, c -> new long[] {position, 0});
                        m[1] += e.get("coins").asLong();
                        last.put(companion, e);
                    }
                }
                if (inBatch == 0) {
                    break;
                }
                events += inBatch;
                if (opens) {
                    open.executeBatch();
                }
                if (entered) {
                    entry.executeBatch();
                    for (var m : moves.entrySet()) {
                        JsonNode e = last.get(m.getKey());
                        move.setLong(1, e.get("balanceAfter").asLong());
                        move.setLong(2, m.getValue()[1]);
                        move.setLong(3, e.get("position").asLong());
                        move.setString(4, e.get("hash").asString());
                        move.setString(5, e.get("occurredAt").asString());
                        move.setString(6, m.getKey());
                        move.setLong(7, m.getValue()[0] - 1);
                        move.addBatch();
                    }
                    move.executeBatch();
                }
                connection.commit();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection connection = connect()) {
            long rows = count(connection, "bench_raw_entry");
            if (rows != entries) {
                throw new IllegalStateException("raw projection wrote " + rows + " entries of " + entries);
            }
        }
        return events / seconds;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Resets the earnings read model's processor and times its replay to the head; returns events per second. */
    private double projectionReplay() throws Exception {
        var processing = app.getBean(EventProcessingConfiguration.class);
        var processor = processing.eventProcessor(PROCESSOR, TrackingEventProcessor.class).orElseThrow();
        long head;
        long events;
        try (Connection connection = connect();
             var rows = connection.createStatement().executeQuery("select max(global_index), count(*) from"
                     + " domain_event_entry")) {
            rows.next();
            head = rows.getLong(1);
            events = rows.getLong(2);
        }
        processor.shutDown();
        processor.resetTokens(); // the reset handler empties the read model first
        long started = System.nanoTime();
        processor.start();
        while (!atHead(processor, head)) {
            if (processor.isError()) {
                throw new IllegalStateException(PROCESSOR + " stopped on an error during the replay");
            }
            Thread.sleep(20);
            if (System.nanoTime() - started > 900e9) {
                throw new IllegalStateException("the replay did not finish in 15 minutes");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection connection = connect()) {
            long rows = count(connection, "earnings_entry");
            if (rows != entries) {
                throw new IllegalStateException("the replay left " + rows + " entries of " + entries);
            }
        }
        return events / seconds;
    }

    private static boolean atHead(TrackingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning() && !status.isEmpty() && status.values().stream().allMatch(s ->
                s.getCurrentPosition().orElse(-1) >= head);
    }

    private record AuditRun(double seconds, double wallSeconds, long entries, boolean clean) {
    }

    /** Runs {@code audit-earnings} as the command line does, in a context of its own; parses its report. */
    private AuditRun audit() {
        var report = new ByteArrayOutputStream();
        PrintStream out = System.out;
        long started = System.nanoTime();
        int code;
        try {
            System.setOut(new PrintStream(report, true, StandardCharsets.UTF_8));
            code = AuditEarningsCommand.run("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + USER, "--logging.level.root=WARN");
        } finally {
            System.setOut(out);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        Map<String, String> values = new HashMap<>();
        for (String line : report.toString(StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("MISMATCH") && !line.startsWith(" ")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        if (!values.containsKey("seconds")) {
            throw new IllegalStateException("the audit printed no report (exit " + code + "): " + report);
        }
        return new AuditRun(Double.parseDouble(values.get("seconds")), wall, Long.parseLong(values.get("entries")),
                code == AuditEarningsCommand.CLEAN);
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One figure line: median, spread (min..max), every run, and its limit or target. */
    private static void figure(String name, String labels, List<Double> values, int decimals, String limit) {
        String format = "%." + decimals + "f";
        System.out.println(name + " " + labels + " value=" + String.format(Locale.ROOT, format, median(values))
                + " min=" + String.format(Locale.ROOT, format, values.stream().min(Double::compare).orElseThrow())
                + " max=" + String.format(Locale.ROOT, format, values.stream().max(Double::compare).orElseThrow())
                + " runs=" + values.size() + " " + limit);
    }

    private static void cpu(String phase, int run, CpuMeter.Usage usage) {
        System.out.println(String.format(Locale.ROOT, "# cpu %s run=%d jvm=%.1f%% postgres=%.1f%% other=%.1f%%%s",
                phase, run, usage.jvm(), usage.postgres(), usage.other(), usage.other() > 5 ? " # NOISE" : ""));
    }

    private static void note(String text) {
        System.out.println("# " + text);
    }
}
