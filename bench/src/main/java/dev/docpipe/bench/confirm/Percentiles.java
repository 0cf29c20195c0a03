package dev.docpipe.bench.confirm;

import java.util.Arrays;

/** Nearest-rank percentiles of nanosecond samples, reported in milliseconds. */
public record Percentiles(int count, double p50Ms, double p99Ms, double maxMs) {
    public static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    public String describe() {
        return count == 0 ? "n/a" : "%.1f / %.1f ms".formatted(p50Ms, p99Ms);
    }
}
