package dev.docpipe.bench.infra;

import org.HdrHistogram.Histogram;

/**
 * The benchmarks' one percentile helper: latencies recorded in nanoseconds into an HdrHistogram (three
 * significant digits, so a percentile is within 0.1 % of the recorded value), reported in milliseconds.
 * Not thread-safe: record per thread, then {@link #add} the histograms together.
 */
public final class Latencies {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    public static Latencies of(long[] nanos) {
        Latencies latencies = new Latencies();
        for (long n : nanos) {
            latencies.record(n);
        }
        return latencies;
    }

    /** Negative durations (clock skew between hosts' timestamps) count as zero. */
    public void record(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    public Latencies add(Latencies other) {
        histogram.add(other.histogram);
        return this;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at quantile {@code q} (0.99 = p99) in ms; NaN when nothing was recorded. */
    public double percentileMs(double q) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(100 * q) / 1e6;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
    }

    /** "p50 / p99 ms", as the confirm table prints it. */
    public String describe() {
        return count() == 0 ? "n/a" : "%.1f / %.1f ms".formatted(percentileMs(0.50), percentileMs(0.99));
    }
}
