package app.hearth.benchmark;

import app.hearth.application.members.Members;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.benchmark.Harness.Pair;
import app.hearth.benchmark.Harness.Target;
import app.hearth.benchmark.Harness.Window;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * R2 of issue 15: wallet debits per second through the event-sourced wallet — message charges ({@link
 * Metering#chargeMessage}, {@code WalletCommand.ChargeMessage}) and hold extensions ({@link Metering#extendHold} on a
 * hold placed for each wallet, as a call's minute checkpoint does) — divided by limit (d) of design/benchmarks.md, a
 * naive SQL debit ({@link NaiveDebitLimit}) with the same mix on tables shaped like ours, measured in the same run on
 * the same database. Target: ratio ≥ 1.0 at 16 clients, zero overdrafts, zero lost or double debits.
 *
 * <p>Not a test: {@code ./mvnw -q -pl bootstrap -am -Pbenchmark-wallet-debits verify -DskipTests}. It starts Hearth
 * in-process on a fresh database (dropped afterwards) and registers {@code bench.wallets} members (profile, V1
 * wallet); each gets {@code bench.grant} promotional tokens and one open audio hold of one minute, except every 16th
 * ("tight") wallet, which gets the hold plus 5 messages' worth and then runs dry (its refusals are counted, never
 * debits). Each request picks a wallet at random: a message charge (3 in 4, always on a tight wallet) or a one-minute
 * hold extension; one request in five instead re-sends one of its client's earlier debits with the same id, which
 * must change nothing and be answered like the original. Debits per second count first sends that debited.
 *
 * <p>At the end, after the wallet read model caught up, for every wallet: balance = granted − the charges that
 * returned success (read model and event store), movements = 1 + those charges, the hold holds exactly one minute per
 * successful extension (the aggregate, through {@link Metering#hold}), spendable never below zero, no movement below
 * zero anywhere; the naive side's ledger agrees with its balances too.
 *
 * <p>Then one more figure: debits (message charges, 1 client) on a wallet with {@code bench.history} (100,000)
 * movements ÷ the same on a new wallet. The history is written straight into the event store by one SQL statement
 * (copies of one real {@code MessageCharged} of that wallet, each with its own message id, position and balance), so it
 * takes seconds whatever the wallet's load costs; the read model projects it like any other event. A first debit on
 * each wallet is timed apart ({@code history_first_debit_ms}: it is when a wallet without a snapshot replays it all).
 * Properties: those of {@link BenchSettings} (defaults warm-up 20 s, windows 15 s), {@code bench.wallets} (1000),
 * {@code bench.grant} (10000000), {@code bench.history} (100000; 0 skips the figure), {@code bench.catchUpTimeout} (300 s).
 */
public final class WalletDebitBenchmark {

    private static final BenchSettings SETTINGS = BenchSettings.read(20, 15);
    private static final int WALLETS = Math.max(BenchSettings.intProperty("bench.wallets", 1000), 32);
    private static final long GRANT = Long.parseLong(BenchSettings.text("bench.grant", "10000000"));
    private static final int HISTORY = BenchSettings.intProperty("bench.history", 100_000);
    private static final double CATCH_UP_TIMEOUT_S = BenchSettings.seconds("bench.catchUpTimeout", 300);
    private static final int TIGHT_EVERY = 16;
    private static final int TIGHT_MESSAGES = 5;
    private static final int RING = 64;
    private static final String COMPANION = "bench-companion";

    private final String url;
    private final String[] members = new String[WALLETS];
    private final AtomicLong ids = new AtomicLong();
    private Harness harness;
    private BenchApp app;
    private Metering metering;
    private NaiveDebitLimit naive;
    private long messageRate;
    private long minuteRate;

    /** One side's book: what each wallet must show at the end, and the first sends that debited. */
    private final class Book {
        final String side;
        final long[] granted = new long[WALLETS];
        final AtomicLongArray charged = new AtomicLongArray(WALLETS);
        final AtomicLongArray messages = new AtomicLongArray(WALLETS);
        final AtomicLongArray extensions = new AtomicLongArray(WALLETS);
        final LongAdder debited = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder retryMismatches = new LongAdder();
        /** Per client (or open-loop sender), its recent debits that succeeded, for re-sending. */
        final Debit[][] rings = new Debit[Math.max(OpenLoop.SENDERS, SETTINGS.maxClients())][RING];
        final long[] ringSizes = new long[rings.length];

        Book(String side) {
            this.side = side;
        }

        void remember(int client, Debit debit) {
            rings[client][(int) (ringSizes[client]++ % RING)] = debit;
        }

        Debit earlier(int client) {
            long size = Math.min(ringSizes[client], RING);
            return size == 0 ? null : rings[client][ThreadLocalRandom.current().nextInt((int) size)];
        }
    }

    /** A debit as first sent: the wallet, message or extension, its id, and what it returned. */
    private record Debit(int wallet, boolean message, String id, long amount) {
    }

    private final Book es = new Book("event-sourced");
    private final Book sql = new Book("naive-sql");

    private WalletDebitBenchmark(String url) {
        this.url = url;
        for (int i = 0; i < WALLETS; i++) {
            members[i] = String.format(Locale.ROOT, "bench-w-%05d", i);
        }
    }

    public static void main(String[] args) {
        BenchDatabase.runAndExit("hearth_bench_debits", url -> new WalletDebitBenchmark(url).run());
    }

    private int run() throws Exception {
        try (var h = new Harness("R2 wallet debits", SETTINGS);
             var started = BenchApp.start(url)) {
            harness = h;
            app = started;
            metering = app.bean(Metering.class);
            TokenRates rates = app.bean(Catalogs.class).current().catalog().tokenRates();
            messageRate = rates.perChatMessage();
            minuteRate = CallKind.AUDIO.tokensPerMinute(rates);
            naive = new NaiveDebitLimit(url, BenchDatabase.USER, app.poolSize);
            harness.progressDetail(() -> "es_debited=" + es.debited.sum() + " sql_debited=" + sql.debited.sum());
            try {
                setUp();
                warmUp();
                var medians = harness.sweep(this::naiveWindow, this::eventSourcedWindow, List.of(
                        new Pair("debits_per_s", "naive_debits_per_s", Target.ratioAtLeast(1.0)),
                        new Pair("debit_calls_per_s", "naive_debit_calls_per_s", null),
                        new Pair("debit_p50_ms", "naive_debit_p50_ms", null),
                        new Pair("debit_p99_ms", "naive_debit_p99_ms", null),
                        new Pair("refused_per_s", "naive_refused_per_s", null)));
                openLoop(medians.get(SETTINGS.headlineClients()).get("debits_per_s") / 2);
                boolean checked = check();
                if (HISTORY > 0) {
                    checked &= longHistory();
                }
                return harness.finish(checked);
            } finally {
                naive.close();
            }
        }
    }

    /** Members with profiles (their wallets open on registering), grants, one open hold each; the naive twins. */
    private void setUp() throws Exception {
        long started = System.nanoTime();
        var members = app.bean(Members.class);
        var wallets = app.bean(Wallets.class);
        var admin = new Actor("bench-admin", Role.ADMIN);
        var next = new AtomicLong();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < 8; worker++) {
                executor.submit(() -> {
                    for (int i = (int) next.getAndIncrement(); i < WALLETS; i = (int) next.getAndIncrement()) {
                        String member = this.members[i];
                        members.saveProfile(new Actor(member, Role.MEMBER), new Members.ProfileDraft("Bench", 1950,
                                List.of("en"), "Europe/London", List.of(), null));
                        long grant = i % TIGHT_EVERY == 0 ? minuteRate + TIGHT_MESSAGES * messageRate : GRANT;
                        wallets.grant(admin, member, "bench", grant, "benchmark");
                        var hold = metering.placeHold(member, holdId(i), CallKind.AUDIO, 60, Instant.now());
                        if (hold.held() != minuteRate) {
                            throw new IllegalStateException("hold of " + member + " holds " + hold.held());
                        }
                        naive.open(member, grant - minuteRate); // the naive side's hold is already debited
                        es.granted[i] = grant;
                        sql.granted[i] = grant - minuteRate;
                    }
                    return null;
                });
            }
        }
        Harness.note(String.format(Locale.ROOT, "set up %d wallets in %.1f s (every %dth tight: %d tokens); rates:"
                        + " %d tokens a message, %d a minute of audio hold; grant %d", WALLETS,
                (System.nanoTime() - started) / 1e9, TIGHT_EVERY, minuteRate + TIGHT_MESSAGES * messageRate,
                messageRate, minuteRate, GRANT));
    }

    private void warmUp() {
        int clients = Math.min(16, SETTINGS.maxClients());
        Harness.note("warm-up: " + clients + " clients, " + SETTINGS.warmupSeconds() + " s event-sourced, half naive");
        harness.closedLoop("warm-up event-sourced", clients, SETTINGS.warmupSeconds(),
                (client, c, i) -> request(es, client, i));
        harness.closedLoop("warm-up naive", clients, SETTINGS.warmupSeconds() / 2,
                (client, c, i) -> request(sql, client, i));
    }

    private Window naiveWindow(int clients) {
        return window(sql, "naive_", clients);
    }

    private Window eventSourcedWindow(int clients) {
        return window(es, "", clients);
    }

    private Window window(Book book, String prefix, int clients) {
        String phase = book == es ? "event-sourced" : "naive";
        harness.closedLoop("settle " + phase, clients, SETTINGS.settleSeconds(), (c, n, i) -> request(book, c, i));
        long debited = book.debited.sum();
        long refused = book.refused.sum();
        var cpu = CpuMeter.sample();
        var outcome = harness.closedLoop(phase, clients, SETTINGS.measureSeconds(), (c, n, i) -> request(book, c, i));
        var window = new Window();
        window.cpu = CpuMeter.between(cpu, CpuMeter.sample());
        return window.put(prefix + "debits_per_s", (book.debited.sum() - debited) / outcome.seconds())
                .put(prefix + "debit_calls_per_s", outcome.perSecond())
                .put(prefix + "debit_p50_ms", outcome.latencies().percentileMillis(50))
                .put(prefix + "debit_p99_ms", outcome.latencies().percentileMillis(99))
                .put(prefix + "refused_per_s", (book.refused.sum() - refused) / outcome.seconds());
    }

    private void openLoop(double rate) {
        Harness.note(String.format(Locale.ROOT, "open loop at %.1f/s (half the debits_per_s median at %d clients),"
                + " %s s each: naive, then event-sourced", rate, SETTINGS.headlineClients(), SETTINGS.measureSeconds()));
        var limit = harness.openLoop("open naive", rate, SETTINGS.measureSeconds(),
                n -> request(sql, (int) (n % OpenLoop.SENDERS), n / OpenLoop.SENDERS));
        var cpu = CpuMeter.sample();
        var system = harness.openLoop("open event-sourced", rate, SETTINGS.measureSeconds(),
                n -> request(es, (int) (n % OpenLoop.SENDERS), n / OpenLoop.SENDERS));
        String labels = String.format(Locale.ROOT, "mode=open rate=%.0f", rate);
        harness.cpu("system", labels, CpuMeter.between(cpu, CpuMeter.sample()));
        harness.latency("debit", labels, limit, system, null);
    }

    /** One request of {@code client}: one in five a re-send of an earlier debit, else a new debit on a random wallet. */
    private void request(Book book, int client, long iteration) throws Exception {
        if (ThreadLocalRandom.current().nextInt(5) == 0) {
            Debit earlier = book.earlier(client);
            if (earlier != null) {
                resend(book, earlier);
                return;
            }
        }
        int wallet = ThreadLocalRandom.current().nextInt(WALLETS);
        boolean message = wallet % TIGHT_EVERY == 0 || ThreadLocalRandom.current().nextInt(4) != 0;
        String id = (message ? "m-" : "x-") + ids.incrementAndGet();
        Long amount = book == es ? eventSourced(wallet, message, id, false) : naive(wallet, message, id, false);
        if (amount == null) {
            book.refused.increment();
            return;
        }
        if (message) {
            book.charged.addAndGet(wallet, amount);
            book.messages.incrementAndGet(wallet);
        } else {
            book.extensions.incrementAndGet(wallet);
        }
        book.debited.increment();
        book.remember(client, new Debit(wallet, message, id, amount));
    }

    private void resend(Book book, Debit earlier) throws Exception {
        Long amount = book == es ? eventSourced(earlier.wallet(), earlier.message(), earlier.id(), true)
                : naive(earlier.wallet(), earlier.message(), earlier.id(), true);
        book.retried.increment();
        if (amount == null || amount != earlier.amount()) {
            book.retryMismatches.increment();
            throw new IllegalStateException(book.side + " re-send of " + earlier + " answered " + amount);
        }
    }

    /**
     * A debit through the metering port: the units it charged (a message) or added to the hold (an extension), null
     * when refused; a re-send ({@code again}) must be answered as already recorded.
     */
    private Long eventSourced(int wallet, boolean message, String id, boolean again) {
        String member = members[wallet];
        try {
            if (message) {
                var charge = metering.chargeMessage(member, id, COMPANION, Instant.now());
                if (charge.alreadyRecorded() != again) {
                    throw new IllegalStateException("message " + id + " alreadyRecorded=" + charge.alreadyRecorded());
                }
                return charge.charged();
            }
            var hold = metering.extendHold(member, holdId(wallet), id, 60, Instant.now());
            if (hold.alreadyRecorded() != again) {
                throw new IllegalStateException("extension " + id + " alreadyRecorded=" + hold.alreadyRecorded());
            }
            return minuteRate; // checked at the end: every extension added exactly one minute
        } catch (RuntimeException e) {
            if (insufficient(e)) {
                return null;
            }
            throw e;
        }
    }

    private Long naive(int wallet, boolean message, String id, boolean again) throws SQLException {
        long amount = message ? messageRate : minuteRate;
        var outcome = naive.debit(members[wallet], id, message ? "MESSAGE_CHARGED" : "HOLD_EXTENDED", amount);
        return switch (outcome) {
            case REFUSED -> null;
            case DEBITED, ALREADY_RECORDED -> {
                if ((outcome == NaiveDebitLimit.Outcome.ALREADY_RECORDED) != again) {
                    throw new IllegalStateException("naive debit " + id + " was " + outcome);
                }
                yield amount;
            }
        };
    }

    private static boolean insufficient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolation violation && violation.code().contains("INSUFFICIENT")) {
                return true;
            }
        }
        return false;
    }

    /** Every wallet, both sides: nothing lost, nothing twice, nothing below zero. */
    private boolean check() throws SQLException {
        long expectedMovements = 0;
        long expectedMessages = 0;
        long expectedExtensions = 0;
        for (int i = 0; i < WALLETS; i++) {
            expectedMovements += 1 + es.messages.get(i);
            expectedMessages += es.messages.get(i);
            expectedExtensions += es.extensions.get(i);
        }
        String bench = "member_id like 'bench-w-%'";
        long target = expectedMovements;
        BenchApp.await("the wallet read model", () -> count("select coalesce(sum(movement_count), 0) from wallet where "
                + bench), target, CATCH_UP_TIMEOUT_S);
        var wrong = new ArrayList<String>();
        long overdrafts = 0;
        Instant now = Instant.now();
        try (var statement = app.monitor().prepareStatement("select member_id, token_balance, movement_count from"
                + " wallet where " + bench + " order by member_id"); var rows = statement.executeQuery()) {
            int i = 0;
            while (rows.next()) {
                int wallet = Integer.parseInt(rows.getString(1).substring("bench-w-".length()));
                i++;
                long balance = rows.getLong(2);
                long expected = es.granted[wallet] - es.charged.get(wallet);
                long held = metering.hold(members[wallet], holdId(wallet), now).orElseThrow().held();
                long expectedHeld = minuteRate * (1 + es.extensions.get(wallet));
                if (balance < 0 || balance - held < 0) {
                    overdrafts++;
                }
                if (balance != expected || rows.getLong(3) != 1 + es.messages.get(wallet) || held != expectedHeld) {
                    wrong.add(members[wallet] + " balance=" + balance + " (expected " + expected + ") movements="
                            + rows.getLong(3) + " (expected " + (1 + es.messages.get(wallet)) + ") held=" + held
                            + " (expected " + expectedHeld + ")");
                }
            }
            if (i != WALLETS) {
                wrong.add("read model has " + i + " bench wallets of " + WALLETS);
            }
        }
        long negativeMovements = count("select count(*) from wallet_movement where balance_after < 0");
        long storedCharges = count("select count(*) from domain_event_entry where payload_type = 'wallet.MessageCharged'"
                + " and aggregate_identifier like '%bench-w-%'");
        long storedExtensions = count("select count(*) from domain_event_entry where payload_type ="
                + " 'wallet.HoldExtended' and aggregate_identifier like '%bench-w-%'");
        long naiveWrong = naive.inconsistentWallets(app.monitor());
        long naiveExpected = 0;
        for (int i = 0; i < WALLETS; i++) {
            naiveExpected += sql.granted[i] - sql.charged.get(i) - minuteRate * sql.extensions.get(i);
        }
        long naiveBalance = count("select sum(token_balance) from bench_wallet");
        String labels = "side=event-sourced";
        harness.figure("check_debits", labels + " debited=" + es.debited.sum() + " refused=" + es.refused.sum()
                + " resent=" + es.retried.sum(), es.debited.sum());
        harness.figure("check_wallets_wrong", labels, wrong.size());
        harness.figure("check_overdrafts", labels, overdrafts + negativeMovements);
        harness.figure("check_resends_with_effect", labels + " resent=" + es.retried.sum(), es.retryMismatches.sum());
        harness.figure("check_stored_charges", labels + " expected=" + expectedMessages, storedCharges);
        harness.figure("check_stored_extensions", labels + " expected=" + expectedExtensions, storedExtensions);
        labels = "side=naive";
        harness.figure("check_debits", labels + " debited=" + sql.debited.sum() + " refused=" + sql.refused.sum()
                + " resent=" + sql.retried.sum(), sql.debited.sum());
        harness.figure("check_wallets_wrong", labels + " balance_sum=" + naiveBalance + " expected=" + naiveExpected,
                naiveWrong + (naiveBalance == naiveExpected ? 0 : 1));
        harness.figure("check_resends_with_effect", labels + " resent=" + sql.retried.sum(), sql.retryMismatches.sum());
        wrong.stream().limit(10).forEach(line -> Harness.note("wrong: " + line));
        boolean passed = wrong.isEmpty() && overdrafts == 0 && negativeMovements == 0
                && es.retryMismatches.sum() == 0 && storedCharges == expectedMessages
                && storedExtensions == expectedExtensions && naiveWrong == 0 && naiveBalance == naiveExpected
                && sql.retryMismatches.sum() == 0;
        Harness.note("check: every wallet's balance = granted - successful charges (read model), hold = one minute per"
                + " successful extension (aggregate), none below zero, re-sends changed nothing, event store holds"
                + " exactly the successful debits, tight wallets were refused (" + es.refused.sum() + "): "
                + (passed ? "OK" : "FAILED"));
        return passed;
    }

    /**
     * Debits on a wallet with a long history ÷ debits on a new wallet: message charges, one client, a window each,
     * after one uncounted first debit each (timed apart) and a second's pause (time to write a snapshot).
     */
    private boolean longHistory() throws Exception {
        var wallets = app.bean(Wallets.class);
        var admin = new Actor("bench-admin", Role.ADMIN);
        String longMember = "bench-history-long";
        String newMember = "bench-history-new";
        for (String member : List.of(longMember, newMember)) {
            wallets.grant(admin, member, "bench", GRANT, "benchmark");
        }
        metering.chargeMessage(longMember, "hist-template", COMPANION, Instant.now());
        long built = System.nanoTime();
        app.execute("insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                + " select t.aggregate_identifier, t.sequence_number + g, t.type, gen_random_uuid(), t.meta_data,"
                + " convert_to(regexp_replace(regexp_replace(replace(convert_from(t.payload, 'UTF8'), 'hist-template',"
                + " 'hist-' || g), '\"position\"\\s*:\\s*\\d+', '\"position\":' || (t.position + g)),"
                + " '\"balanceAfter\"\\s*:\\s*\\d+', '\"balanceAfter\":' || (t.balance - g * " + messageRate + ")), 'UTF8'),"
                + " t.payload_revision, t.payload_type, t.time_stamp"
                + " from (select e.*, 2 as position, " + (GRANT - messageRate) + " as balance from domain_event_entry e"
                + " where e.payload_type = 'wallet.MessageCharged' and convert_from(e.payload, 'UTF8') like"
                + " '%hist-template%') t, generate_series(1, " + HISTORY + ") g order by g");
        String aggregate = app.queryText("select aggregate_identifier from domain_event_entry where payload_type ="
                + " 'wallet.MessageCharged' and convert_from(payload, 'UTF8') like '%hist-template%'");
        long events = count("select count(*) from domain_event_entry where aggregate_identifier = '" + aggregate + "'");
        Harness.note(String.format(Locale.ROOT, "history: wrote %d MessageCharged copies into %s's stream in %.1f s"
                + " (%d events); waiting for the read model", HISTORY, aggregate, (System.nanoTime() - built) / 1e9,
                events));
        long movements = 2L + HISTORY;
        BenchApp.await("the wallet read model of " + longMember, () -> count("select coalesce(max(movement_count), 0)"
                + " from wallet where member_id = '" + longMember + "'"), movements, CATCH_UP_TIMEOUT_S);
        Harness.note(String.format(Locale.ROOT, "history projected %.1f s after it was written",
                (System.nanoTime() - built) / 1e9));

        double longFirst = firstDebit(longMember);
        double newFirst = firstDebit(newMember);
        Thread.sleep(1000);
        var counter = new AtomicLong();
        var cpu = CpuMeter.sample();
        var fresh = harness.closedLoop("history new wallet", 1, SETTINGS.measureSeconds(),
                (c, n, i) -> metering.chargeMessage(newMember, "hist-new-" + counter.incrementAndGet(), COMPANION,
                        Instant.now()));
        var old = harness.closedLoop("history long wallet", 1, SETTINGS.measureSeconds(),
                (c, n, i) -> metering.chargeMessage(longMember, "hist-long-" + counter.incrementAndGet(), COMPANION,
                        Instant.now()));
        String labels = "history=" + HISTORY + " clients=1";
        harness.cpu("history", labels, CpuMeter.between(cpu, CpuMeter.sample()));
        harness.addSummary(harness.figure("history_debits_per_s", labels, old.perSecond(), fresh.perSecond(),
                Target.ratioAtLeast(0.9), " debits=" + old.done() + " limit_debits=" + fresh.done()));
        harness.figure("history_debit_p50_ms", labels, old.latencies().percentileMillis(50),
                fresh.latencies().percentileMillis(50), null, "");
        harness.figure("history_debit_p99_ms", labels, old.latencies().percentileMillis(99),
                fresh.latencies().percentileMillis(99), null, "");
        harness.figure("history_first_debit_ms", labels, longFirst, newFirst, null, "");
        long expectedLong = GRANT - messageRate * (1 + HISTORY + 1 + old.done());
        long expectedMovements = 2 + HISTORY + 1 + old.done();
        BenchApp.await("the wallet read model of " + longMember, () -> count("select coalesce(max(movement_count), 0)"
                + " from wallet where member_id = '" + longMember + "'"), expectedMovements, CATCH_UP_TIMEOUT_S);
        long balance = count("select token_balance from wallet where member_id = '" + longMember + "'");
        boolean passed = balance == expectedLong && old.failed() == 0 && fresh.failed() == 0;
        harness.figure("check_history_balance", labels + " expected=" + expectedLong, balance);
        return passed;
    }

    private double firstDebit(String member) {
        long started = System.nanoTime();
        metering.chargeMessage(member, "first-" + member, COMPANION, Instant.now());
        return (System.nanoTime() - started) / 1e6;
    }

    private static String holdId(int wallet) {
        return "bench-call-" + wallet;
    }

    private long count(String sql) {
        try {
            return app.queryLong(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
