package dev.docpipe.model.json;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a benchmark: a harness-free look at how fast the codecs read and write the sample records, to
 * compare two versions of the codec code run back to back on the same machine. Compare the ratio, and
 * take it as indicative: the absolute figures mean little on a shared machine. Rates are per second of
 * this thread's CPU time, so that time spent descheduled on a loaded machine does not count; every
 * measurement is warmed up first, and the rounds go round-robin over all measurements so that a change
 * of load touches them alike. Decoding is the hot path: the pipeline decodes every command and result.
 *
 * <pre>java -cp shared-model/target/classes:shared-model/target/test-classes:&lt;jackson jars&gt; \
 *     dev.docpipe.model.json.DecodeThroughput [rounds]</pre>
 */
public final class DecodeThroughput {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long ROUND_CPU_NANOS = 500_000_000L;
    private static final long WARM_UP_WALL_NANOS = 3_000_000_000L;

    private DecodeThroughput() {}

    /** One pass over the sample records of one kind; returns something derived from the results. */
    private record Measurement(String name, int recordsPerPass, Pass pass) {}

    private interface Pass {
        long run();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Measurement> measurements = new ArrayList<>();
        for (GoldenRecords kind : GoldenRecords.values()) {
            List<byte[]> records = kind.samples.stream().map(kind.codec::encode).toList();
            measurements.add(new Measurement(kind + " decode", records.size(), () -> {
                long sink = 0;
                for (byte[] record : records) {
                    sink += kind.codec.decode(record).hashCode();
                }
                return sink;
            }));
            measurements.add(new Measurement(kind + " encode", records.size(), () -> {
                long sink = 0;
                for (Object sample : kind.samples) {
                    sink += kind.codec.encode(sample).length;
                }
                return sink;
            }));
        }
        long sink = 0;
        for (Measurement m : measurements) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < WARM_UP_WALL_NANOS) {
                sink += m.pass().run();
            }
        }
        double[][] rates = new double[measurements.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < measurements.size(); i++) {
                Measurement m = measurements.get(i);
                long records = 0;
                long start = THREADS.getCurrentThreadCpuTime();
                long elapsed;
                do {
                    sink += m.pass().run();
                    records += m.recordsPerPass();
                    elapsed = THREADS.getCurrentThreadCpuTime() - start;
                } while (elapsed < ROUND_CPU_NANOS);
                rates[i][round] = records * 1e9 / elapsed;
            }
        }
        for (int i = 0; i < measurements.size(); i++) {
            Arrays.sort(rates[i]);
            System.out.printf("%-16s %,12.0f records per CPU-second (median of %d rounds)%n",
                    measurements.get(i).name(), rates[i][rounds / 2], rounds);
        }
        System.out.println(sink == 42 ? "" : "(done)");
    }
}
