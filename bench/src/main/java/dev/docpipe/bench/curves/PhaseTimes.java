package dev.docpipe.bench.curves;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The harness's own wall time per phase and size (loading, restoring, waiting for the projector, ...), printed at
 * the end: what a run at larger sizes will cost is extrapolated from it, so it covers every phase, measured or not.
 */
final class PhaseTimes {
    private final Map<String, TreeMap<Long, Double>> seconds = new LinkedHashMap<>();
    private final LongSupplier nanoTime;
    private long started;

    PhaseTimes() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock, in nanoseconds (a test's own, so it need not sleep) */
    PhaseTimes(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** Starts timing the next phase. */
    void start() {
        started = nanoTime.getAsLong();
    }

    /** Ends the phase started last, under {@code phase} at {@code size}, and starts the next one. */
    void end(String phase, long size) {
        long now = nanoTime.getAsLong();
        seconds.computeIfAbsent(phase, p -> new TreeMap<>()).merge(size, (now - started) / 1e9, Double::sum);
        started = now;
    }

    double get(String phase, long size) {
        return seconds.getOrDefault(phase, new TreeMap<>()).getOrDefault(size, 0.0);
    }

    void print(PrintStream out) {
        TreeSet<Long> sizes = new TreeSet<>();
        seconds.values().forEach(m -> sizes.addAll(m.keySet()));
        out.printf("%nWall time of the run by phase (s):%n%n| phase |");
        sizes.forEach(s -> out.printf(" %,d |", s));
        out.printf("%n|---|%s%n", "---:|".repeat(sizes.size()));
        Map<Long, Double> totals = new TreeMap<>();
        seconds.forEach((phase, bySize) -> {
            out.printf("| %s |", phase);
            for (long size : sizes) {
                double value = bySize.getOrDefault(size, 0.0);
                totals.merge(size, value, Double::sum);
                out.printf(" %,.1f |", value);
            }
            out.println();
        });
        out.print("| total |");
        sizes.forEach(s -> out.printf(" %,.1f |", totals.getOrDefault(s, 0.0)));
        out.println();
    }
}
