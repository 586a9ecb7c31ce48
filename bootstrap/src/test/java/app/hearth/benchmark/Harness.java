package app.hearth.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The measuring protocol of design/benchmarks.md, shared by the benchmarks: closed loops of virtual-thread clients,
 * an open loop for latency, sweeps over client counts with {@code runs} windows each (limit and system measured
 * back to back on the same database), and the figure lines.
 *
 * <p>Every figure is one line {@code name labels value=V [limit=L ratio=R] [target=T met=yes|no] ...}, where a
 * target reads {@code ratio>=0.40} or {@code value<=5}; lines starting with {@code #} are notes. Windows print
 * lines labelled {@code run=1..n}; the point's median over its runs is labelled {@code run=median} (value and
 * limit: the medians of the windows'; ratio: the median of the windows' ratios, each a limit and a system window
 * measured back to back) and carries {@code spread_pct} ((max − min) ÷ median of the ratios, or of the values when
 * there is no limit), {@code runs} and
 * {@code noise=yes} when another process used more than {@code bench.noise}% of the machine during one of its windows.
 * {@code grep 'run=median'} keeps the figures to report.
 */
final class Harness implements AutoCloseable {

    /** One client's request number {@code iteration}; client {@code client} of {@code clients}. */
    @FunctionalInterface
    interface Call {
        void call(int client, int clients, long iteration) throws Exception;
    }

    /** Request {@code n} of an open loop. */
    @FunctionalInterface
    interface OpenCall {
        void call(long n) throws Exception;
    }

    /** A closed or open loop's result: completed and failed calls, its start and end (nanoTime), the latencies. */
    record Outcome(long done, long failed, long start, long end, Latencies latencies) {
        double seconds() {
            return (end - start) / 1e9;
        }

        double perSecond() {
            return done / seconds();
        }
    }

    /** A target on the ratio ({@code ratio>=0.40}) or the value ({@code value<=5}). */
    record Target(String on, String op, double bound) {
        static Target ratioAtLeast(double bound) {
            return new Target("ratio", ">=", bound);
        }

        static Target valueAtMost(double bound) {
            return new Target("value", "<=", bound);
        }

        boolean met(double value, double ratio) {
            double x = on.equals("ratio") ? ratio : value;
            return op.equals(">=") ? x >= bound : x <= bound;
        }

        @Override
        public String toString() {
            return on + op + trim(bound);
        }
    }

    /** A figure of the system shown beside its limit's figure (null limit: the figure stands alone). */
    record Pair(String value, String limit, Target target) {
    }

    /** What one measured window gives: named figures and the CPU of the window. */
    static final class Window {
        final Map<String, Double> values = new LinkedHashMap<>();
        CpuMeter.Usage cpu;

        Window put(String name, double value) {
            values.put(name, value);
            return this;
        }

        double get(String name) {
            return values.getOrDefault(name, Double.NaN);
        }
    }

    /** Measures one window at {@code clients} (settling first if it needs to), CPU included. */
    @FunctionalInterface
    interface Phase {
        Window measure(int clients) throws Exception;
    }

    final BenchSettings settings;
    private final String benchmark;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder errors = new LongAdder();
    private final List<String> errorsSeen = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    /** What the progress lines add after the count, e.g. how far a read model is. */
    private Supplier<String> progressDetail = () -> "";

    Harness(String benchmark, BenchSettings settings) {
        this.benchmark = benchmark;
        this.settings = settings;
        note("benchmark " + benchmark + " " + settings + " java=" + Runtime.version() + " cpus="
                + Runtime.getRuntime().availableProcessors());
    }

    void progressDetail(Supplier<String> detail) {
        this.progressDetail = detail;
    }

    // ---------------------------------------------------------------------------------------------- loops

    /** {@code clients} clients calling back to back for {@code seconds}; a failed call is counted and noted. */
    Outcome closedLoop(String phase, int clients, double seconds, Call call) {
        var done = new LongAdder();
        var failed = new LongAdder();
        var parts = new ConcurrentLinkedQueue<Latencies>();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor();
             var progress = progress(phase + " clients=" + clients, done, start)) {
            for (int k = 0; k < clients; k++) {
                int client = k;
                executor.submit(() -> {
                    var mine = new Latencies();
                    parts.add(mine);
                    for (long i = 0; System.nanoTime() < deadline; i++) {
                        long began = System.nanoTime();
                        try {
                            call.call(client, clients, i);
                            mine.add(System.nanoTime() - began);
                            done.increment();
                        } catch (Exception e) {
                            failed.increment();
                            error(phase, e);
                        }
                    }
                });
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Outcome(done.sum(), failed.sum(), start, System.nanoTime(), Latencies.merge(parts));
    }

    /**
     * Requests due at {@code rate} per second for {@code seconds}, whatever the answers ({@link OpenLoop}); each
     * latency counts from the moment its request was due, so a stall counts for every request it delays.
     */
    Outcome openLoop(String phase, double rate, double seconds, OpenCall call) {
        var done = new LongAdder();
        var failed = new LongAdder();
        var parts = new ConcurrentLinkedQueue<Latencies>();
        long start = System.nanoTime() + 1_000_000;
        long end = start + (long) (seconds * 1e9);
        try (var progress = progress(phase + String.format(Locale.ROOT, " rate=%.0f", rate), done, start)) {
            OpenLoop.run(start, end, 1e9 / rate, sender -> {
                var mine = new Latencies();
                parts.add(mine);
                return (n, due) -> {
                    try {
                        call.call(n);
                        mine.add(System.nanoTime() - due);
                        done.increment();
                    } catch (Exception e) {
                        failed.increment();
                        error(phase, e);
                    }
                };
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Outcome(done.sum(), failed.sum(), start, System.nanoTime(), Latencies.merge(parts));
    }

    private AutoCloseable progress(String phase, LongAdder done, long start) {
        var task = ticker.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - start) / 1e9;
            long count = done.sum();
            note(String.format(Locale.ROOT, "progress %s t=%.0fs done=%d (%.0f/s)%s", phase, elapsed, count,
                    count / Math.max(elapsed, 1e-9), safe(progressDetail)));
        }, 5, 5, TimeUnit.SECONDS);
        return () -> task.cancel(false);
    }

    private static String safe(Supplier<String> detail) {
        try {
            String text = detail.get();
            return text.isEmpty() ? "" : " " + text;
        } catch (RuntimeException e) {
            return " ?";
        }
    }

    // ---------------------------------------------------------------------------------------------- sweeps

    /**
     * For each client count, {@code runs} times: a window of the limit, then a window of the system; prints each
     * window's figures and then each point's medians. Answers the medians by client count and figure name.
     */
    Map<Integer, Map<String, Double>> sweep(Phase limit, Phase system, List<Pair> pairs) throws Exception {
        var medians = new TreeMap<Integer, Map<String, Double>>();
        for (int clients : settings.clients()) {
            var limits = new ArrayList<Window>();
            var systems = new ArrayList<Window>();
            for (int run = 1; run <= settings.runs(); run++) {
                Window l = limit.measure(clients);
                Window s = system.measure(clients);
                limits.add(l);
                systems.add(s);
                String labels = "clients=" + clients + " run=" + run;
                cpu("limit", labels, l.cpu);
                cpu("system", labels, s.cpu);
                for (Pair pair : pairs) {
                    double value = s.get(pair.value());
                    if (pair.limit() == null) {
                        figure(pair.value(), labels, value, Double.NaN, null, "");
                    } else {
                        figure(pair.value(), labels, value, l.get(pair.limit()), null, "");
                    }
                }
            }
            boolean noise = limits.stream().anyMatch(this::noisy) || systems.stream().anyMatch(this::noisy);
            var point = new LinkedHashMap<String, Double>();
            String labels = "clients=" + clients + " run=median";
            for (Pair pair : pairs) {
                double[] values = systems.stream().mapToDouble(w -> w.get(pair.value())).toArray();
                double value = median(values);
                point.put(pair.value(), value);
                String extra;
                double limitValue = Double.NaN;
                double ratio = Double.NaN;
                if (pair.limit() == null) {
                    extra = " spread_pct=" + fmt(spread(values));
                } else {
                    double[] limitValues = limits.stream().mapToDouble(w -> w.get(pair.limit())).toArray();
                    double[] ratios = new double[values.length];
                    for (int i = 0; i < ratios.length; i++) {
                        ratios[i] = values[i] / limitValues[i];
                    }
                    limitValue = median(limitValues);
                    ratio = median(ratios);
                    point.put(pair.limit(), limitValue);
                    point.put(pair.value() + "/ratio", ratio);
                    extra = " spread_pct=" + fmt(spread(ratios));
                }
                String line = figure(pair.value(), labels, value, limitValue, ratio,
                        clients == settings.headlineClients() ? pair.target() : null,
                        extra + " runs=" + values.length + " noise=" + (noise ? "yes" : "no"));
                if (clients == settings.headlineClients() || pair.target() != null) {
                    summary.add(line);
                }
            }
            medians.put(clients, point);
        }
        return medians;
    }

    /**
     * A latency figure of an open loop beside the same loop run on the limit at the same rate: {@code
     * name_p50_ms} and {@code name_p99_ms} (target on the system's p99 value).
     */
    void latency(String name, String labels, Outcome limit, Outcome system, Target p99Target) {
        String rate = labels + " failed=" + system.failed() + " limit_failed=" + limit.failed();
        figure(name + "_p50_ms", rate, system.latencies().percentileMillis(50),
                limit.latencies().percentileMillis(50), null, "");
        summary.add(figure(name + "_p99_ms", rate, system.latencies().percentileMillis(99),
                limit.latencies().percentileMillis(99), p99Target, ""));
    }

    /** Prints one figure line (and answers it): value, its limit and their ratio if there is a limit, the target. */
    String figure(String name, String labels, double value, double limit, Target target, String extra) {
        return figure(name, labels, value, limit, value / limit, target, extra);
    }

    /**
     * Prints one figure line with the ratio given (a point's median of its windows' ratios, which need not be the
     * ratio of the medians).
     */
    String figure(String name, String labels, double value, double limit, double ratio, Target target,
                  String extra) {
        var line = new StringBuilder(name).append(' ').append(labels).append(" value=").append(fmt(value));
        if (!Double.isNaN(limit)) {
            line.append(" limit=").append(fmt(limit)).append(" ratio=").append(fmt3(ratio));
        }
        if (target != null) {
            boolean met = target.met(value, ratio);
            line.append(" target=").append(target).append(" met=").append(met ? "yes" : "no");
            if (!met) {
                missed.add(name + " " + labels);
            }
        }
        line.append(extra);
        System.out.println(line);
        return line.toString();
    }

    /** A figure with neither limit nor target (counts, checks, settings measured). */
    String figure(String name, String labels, double value) {
        return figure(name, labels, value, Double.NaN, null, "");
    }

    void addSummary(String line) {
        summary.add(line);
    }

    private boolean noisy(Window window) {
        return window.cpu != null && window.cpu.other() > settings.noisePercent();
    }

    /** Three CPU lines for a window (share of the whole machine); {@code noise=yes} when others used too much. */
    void cpu(String phase, String labels, CpuMeter.Usage usage) {
        if (usage == null) {
            return;
        }
        String l = "phase=" + phase + " " + labels;
        figure("cpu_jvm_pct", l, usage.jvm());
        figure("cpu_postgres_pct", l, usage.postgres());
        boolean noise = usage.other() > settings.noisePercent();
        figure("cpu_other_pct", l, usage.other(), Double.NaN, null, " noise=" + (noise ? "yes" : "no"));
    }

    // ---------------------------------------------------------------------------------------------- endings

    long errors() {
        return errors.sum();
    }

    synchronized void error(String phase, Exception e) {
        errors.increment();
        if (errorsSeen.size() < 10) {
            errorsSeen.add(phase + ": " + e);
        }
    }

    /** Prints the summary and the errors seen; answers the exit code (0, or 1 after errors or a failed check). */
    int finish(boolean checksPassed) {
        note("summary of " + benchmark + " (" + settings + "):");
        summary.forEach(line -> note("  " + line));
        note("targets missed: " + (missed.isEmpty() ? "none" : String.join("; ", missed)));
        errorsSeen.forEach(error -> note("error: " + error));
        note("errors=" + errors.sum() + " checks=" + (checksPassed ? "passed" : "FAILED"));
        return errors.sum() == 0 && checksPassed ? 0 : 1;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    static void note(String text) {
        System.out.println("# " + text);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** (max − min) ÷ median, in percent. */
    static double spread(double[] values) {
        double median = median(values);
        double max = Arrays.stream(values).max().orElse(Double.NaN);
        double min = Arrays.stream(values).min().orElse(Double.NaN);
        return (max - min) / median * 100;
    }

    static String fmt(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "NaN";
        }
        double abs = Math.abs(value);
        return String.format(Locale.ROOT, abs >= 100 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f", value);
    }

    static String fmt3(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
