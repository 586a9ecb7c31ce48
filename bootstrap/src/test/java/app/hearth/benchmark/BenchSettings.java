package app.hearth.benchmark;

import java.util.Arrays;

/**
 * The protocol's knobs (design/benchmarks.md), the same for every benchmark, from system properties: {@code
 * bench.warmup} (s), {@code bench.measure} (s per window), {@code bench.settle} (s of uncounted load before a
 * window), {@code bench.runs} (windows per point, the median is reported), {@code bench.clients} (1,4,16,64), and
 * {@code bench.noise} (% of the machine other processes may use before a window is marked noise). The defaults of
 * warm-up and window are each benchmark's own, chosen to keep one benchmark under about ten minutes.
 */
record BenchSettings(double warmupSeconds, double measureSeconds, double settleSeconds, int runs, int[] clients,
                     int headlineClients, double noisePercent) {

    static final int HEADLINE = 16;

    /** The settings, with this benchmark's default warm-up and window lengths. */
    static BenchSettings read(double defaultWarmup, double defaultMeasure) {
        int[] clients = Arrays.stream(text("bench.clients", "1,4,16,64").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int headline = Arrays.stream(clients).anyMatch(c -> c == HEADLINE) ? HEADLINE
                : Arrays.stream(clients).max().orElse(HEADLINE);
        return new BenchSettings(seconds("bench.warmup", defaultWarmup), seconds("bench.measure", defaultMeasure),
                seconds("bench.settle", 2), Math.max(1, intProperty("bench.runs", 3)), clients, headline,
                seconds("bench.noise", 5));
    }

    int maxClients() {
        return Arrays.stream(clients).max().orElse(1);
    }

    @Override
    public String toString() {
        return "warmup_s=" + warmupSeconds + " measure_s=" + measureSeconds + " settle_s=" + settleSeconds
                + " runs=" + runs + " clients=" + Arrays.toString(clients).replace(" ", "") + " headline_clients="
                + headlineClients + " noise_pct=" + noisePercent;
    }

    /** A property, or {@code fallback} when unset (or passed on by Maven unresolved, as {@code ${name}}). */
    static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.trim();
    }

    static double seconds(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : Double.parseDouble(value);
    }

    static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : Integer.parseInt(value.trim());
    }
}
