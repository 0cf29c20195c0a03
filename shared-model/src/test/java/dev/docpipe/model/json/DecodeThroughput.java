package dev.docpipe.model.json;

import java.util.List;

/**
 * Not a benchmark: a harness-free look at how fast the codecs read and write the sample records, to
 * compare two versions of the codec code run back to back on the same machine (compare the ratio; the
 * absolute figures mean little on a shared machine). Decoding is the hot path: the pipeline decodes
 * every command and result it reads.
 *
 * <pre>java -cp shared-model/target/classes:shared-model/target/test-classes:&lt;jackson&gt; \
 *     dev.docpipe.model.json.DecodeThroughput [rounds]</pre>
 */
public final class DecodeThroughput {
    private static final long ROUND_NANOS = 1_000_000_000L;

    private DecodeThroughput() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (GoldenRecords kind : GoldenRecords.values()) {
            List<byte[]> records = kind.samples.stream().map(kind.codec::encode).toList();
            measure(kind + " decode", rounds, () -> {
                long sink = 0;
                for (byte[] record : records) {
                    sink += kind.codec.decode(record).hashCode();
                }
                return sink;
            }, records.size());
            measure(kind + " encode", rounds, () -> {
                long sink = 0;
                for (Object sample : kind.samples) {
                    sink += kind.codec.encode(sample).length;
                }
                return sink;
            }, records.size());
        }
    }

    private interface Pass {
        long run();
    }

    /** One warm-up round, then {@code rounds} rounds of about a second each; prints the median rate. */
    private static void measure(String name, int rounds, Pass pass, int perPass) {
        long sink = 0;
        double[] rates = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            long records = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                sink += pass.run();
                records += perPass;
                elapsed = System.nanoTime() - start;
            } while (elapsed < ROUND_NANOS);
            if (round >= 0) {
                rates[round] = records * 1e9 / elapsed;
            }
        }
        java.util.Arrays.sort(rates);
        System.out.printf("%-16s %,12.0f records/s (median of %d)%s%n", name, rates[rounds / 2], rounds,
                sink == 42 ? " " : "");
    }
}
