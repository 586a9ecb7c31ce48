package app.hearth.benchmark;

import java.util.Arrays;

/** Latencies in nanoseconds recorded by one client (not thread-safe), merged and read as percentiles. */
final class Latencies {

    private long[] values;
    private int size;

    Latencies() {
        this(4096);
    }

    /** With room for {@code capacity} values before it grows. */
    Latencies(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** All of {@code parts} in one sorted set. */
    static Latencies merge(Iterable<Latencies> parts) {
        var all = new Latencies(4096);
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.values[i]);
            }
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /** The nearest-rank percentile ({@code p} in 0..100) in milliseconds, of a merged (sorted) set; NaN if empty. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
