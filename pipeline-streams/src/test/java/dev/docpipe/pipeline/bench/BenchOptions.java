package dev.docpipe.pipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of {@link PipelineBenchmark}; every one has a default, so the bare main runs
 * the documented workload.
 *
 * @param documents documents in the pre-produced workload (about 10 records each)
 * @param activeDocuments documents whose records are interleaved at any moment (how far apart a
 *     document's records are in the input, so how often the store cache can coalesce its writes)
 * @param partitions partitions of docpipe's topics (the production default is 12)
 * @param streamThreads stream threads per application (the production default is 1)
 * @param warmupFraction share of the input a discarded decider run processes first (JIT warm-up)
 * @param latencyRate commands per second sent during a latency phase
 * @param latencySeconds measured seconds of a latency phase (after {@code latencyWarmup})
 * @param latencyRounds rounds of (default commit interval, {@code latencyCommit}), alternated so that a
 *     burst of load from elsewhere on the machine does not land on one interval only
 * @param latencyCommit the commit interval the default one is compared with in the latency phases
 * @param phaseTimeout a phase that has not finished by then fails the benchmark
 * @param jfr where to write JFR recordings of the exactly-once decider and latency phases, or null for none
 * @param latencyOverrides Kafka Streams settings of an extra latency variant (default commit interval plus
 *     these), for experiments such as {@code --latency-override producer.linger.ms=5}; empty for none
 * @param latencyVariants more latency variants, one per {@code --latency-variant K=V,K=V}: Kafka Streams
 *     settings applied over the defaults ({@code commit.interval.ms} included), e.g.
 *     {@code --latency-variant commit.interval.ms=20,poll.ms=100}
 * @param deciderVariant Kafka Streams settings of a second exactly-once decider run right after the first
 *     (its own application id, same input), for paired throughput comparisons such as
 *     {@code --decider-variant producer.linger.ms=5}; empty for none
 */
record BenchOptions(
        int documents,
        int activeDocuments,
        int partitions,
        int streamThreads,
        double warmupFraction,
        int latencyRate,
        Duration latencySeconds,
        Duration latencyWarmup,
        int latencyRounds,
        Duration latencyCommit,
        Duration phaseTimeout,
        long seed,
        Path jfr,
        Map<String, String> latencyOverrides,
        List<Map<String, String>> latencyVariants,
        Map<String, String> deciderVariant) {

    static final String USAGE = """
            PipelineBenchmark [--documents N] [--active N] [--partitions N] [--threads N] [--warmup FRACTION]
                              [--latency-rate PER_SECOND] [--latency-seconds S] [--latency-rounds N]
                              [--latency-commit MS]
                              [--latency-override KEY=VALUE]... [--latency-variant KEY=VALUE[,KEY=VALUE]...]...
                              [--decider-variant KEY=VALUE[,KEY=VALUE]...] [--phase-timeout S]
                              [--seed N] [--jfr [FILE]]
            """;

    static BenchOptions parse(String[] args) {
        int documents = 100_000;
        int active = 1_000;
        int partitions = 12;
        int threads = 1;
        double warmup = 0.10;
        int rate = 500;
        int latencySeconds = 12;
        int rounds = 2;
        int latencyCommit = 20;
        int timeout = 300;
        long seed = 42;
        Path jfr = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<Map<String, String>> variants = new ArrayList<>();
        Map<String, String> deciderVariant = Map.of();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            switch (flag) {
                case "--documents" -> documents = Integer.parseInt(value(args, ++i, flag));
                case "--active" -> active = Integer.parseInt(value(args, ++i, flag));
                case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, flag));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, flag));
                case "--warmup" -> warmup = Double.parseDouble(value(args, ++i, flag));
                case "--latency-rate" -> rate = Integer.parseInt(value(args, ++i, flag));
                case "--latency-seconds" -> latencySeconds = Integer.parseInt(value(args, ++i, flag));
                case "--latency-rounds" -> rounds = Integer.parseInt(value(args, ++i, flag));
                case "--latency-commit" -> latencyCommit = Integer.parseInt(value(args, ++i, flag));
                case "--phase-timeout" -> timeout = Integer.parseInt(value(args, ++i, flag));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, flag));
                case "--jfr" -> jfr = hasValue ? Path.of(args[++i])
                        : Path.of(System.getProperty("java.io.tmpdir"), "docpipe-bench-decider-eos.jfr");
                case "--latency-override" -> {
                    String[] pair = value(args, ++i, flag).split("=", 2);
                    require(pair.length == 2, "--latency-override needs KEY=VALUE");
                    overrides.put(pair[0], pair[1]);
                }
                case "--latency-variant" -> variants.add(settings(value(args, ++i, flag), flag));
                case "--decider-variant" -> deciderVariant = settings(value(args, ++i, flag), flag);
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        require(documents >= 100, "--documents must be at least 100");
        require(active >= 1, "--active must be positive");
        require(partitions >= 1 && threads >= 1, "--partitions and --threads must be positive");
        require(warmup >= 0 && warmup < 1, "--warmup must be in [0, 1)");
        require(rate >= 1 && rate <= 5_000, "--latency-rate must be in [1, 5000]");
        require(latencySeconds >= 1 && latencySeconds <= 60, "--latency-seconds must be in [1, 60]");
        require(rounds >= 1 && rounds <= 10, "--latency-rounds must be in [1, 10]");
        require(timeout >= 10, "--phase-timeout must be at least 10 s");
        require(latencyCommit >= 1, "--latency-commit must be positive");
        return new BenchOptions(documents, active, partitions, threads, warmup, rate,
                Duration.ofSeconds(latencySeconds), Duration.ofSeconds(2), rounds, Duration.ofMillis(latencyCommit),
                Duration.ofSeconds(timeout), seed, jfr, Map.copyOf(overrides), List.copyOf(variants), deciderVariant);
    }

    private static Map<String, String> settings(String list, String flag) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : list.split(",")) {
            String[] pair = setting.split("=", 2);
            require(pair.length == 2, flag + " needs KEY=VALUE[,KEY=VALUE]...");
            settings.put(pair[0], pair[1]);
        }
        return Map.copyOf(settings);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[i].matches("[0-9_.]+") ? args[i].replace("_", "") : args[i];
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message + "\n" + USAGE);
        }
    }
}
