package dev.docpipe.bench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench pipeline}: the options of {@link PipelineBenchmark}, checked, with the documented defaults. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Records per second of the real topology (exactly_once_v2 and at_least_once) against two "
                + "pass-through ceilings on a pre-produced workload, what it writes and stores, then command-to-job "
                + "latency at the default and a shorter commit interval. Every phase says where the CPU went."})
public final class PipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--documents", defaultValue = "100000", description = "documents in the workload, about 10 records each [${DEFAULT-VALUE}]")
    int documents;
    @Option(names = "--active", defaultValue = "1000", description = "documents interleaved at any moment [${DEFAULT-VALUE}]")
    int active;
    @Option(names = "--partitions", defaultValue = "12", description = "partitions of docpipe's topics [${DEFAULT-VALUE}]")
    int partitions;
    @Option(names = "--threads", defaultValue = "1", description = "stream threads per application [${DEFAULT-VALUE}]")
    int threads;
    @Option(names = "--warmup", defaultValue = "0.10", paramLabel = "FRACTION",
            description = "share of the input a discarded decider run processes first, in [0, 1) [${DEFAULT-VALUE}]")
    double warmup;
    @Option(names = "--latency-rate", defaultValue = "500", paramLabel = "PER_SECOND",
            description = "commands per second in a latency phase, 1-5000 [${DEFAULT-VALUE}]")
    int latencyRate;
    @Option(names = "--latency-seconds", defaultValue = "12", description = "measured seconds per latency phase, 1-60 [${DEFAULT-VALUE}]")
    int latencySeconds;
    @Option(names = "--latency-rounds", defaultValue = "2",
            description = "rounds of (default commit interval, --latency-commit), alternated, 1-10 [${DEFAULT-VALUE}]")
    int latencyRounds;
    @Option(names = "--latency-commit", defaultValue = "20", paramLabel = "MS",
            description = "the commit interval compared with the default in the latency phases [${DEFAULT-VALUE}]")
    int latencyCommit;
    @Option(names = "--latency-override", paramLabel = "KEY=VALUE",
            description = "Kafka Streams setting of an extra latency variant (default commit interval plus these); repeatable")
    Map<String, String> latencyOverrides = new LinkedHashMap<>();
    @Option(names = "--latency-variant", paramLabel = "KEY=VALUE[,KEY=VALUE...]",
            description = "one more latency variant: Kafka Streams settings over the defaults, commit.interval.ms "
                    + "included; repeatable")
    List<String> latencyVariants = new ArrayList<>();
    @Option(names = "--decider-variant", paramLabel = "KEY=VALUE[,KEY=VALUE...]",
            description = "Kafka Streams settings of a second exactly-once decider run right after the first")
    String deciderVariant;
    @Option(names = "--phase-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "a phase not finished by then fails the run, at least 10 [${DEFAULT-VALUE}]")
    int phaseTimeout;
    @Option(names = "--seed", defaultValue = "42", description = "workload seed [${DEFAULT-VALUE}]")
    long seed;
    @Option(names = "--jfr", arity = "0..1", paramLabel = "FILE",
            fallbackValue = "${java.io.tmpdir}/docpipe-bench-decider-eos.jfr",
            description = "JFR profile of the exactly-once decider and latency phases, printed as a summary")
    Path jfr;

    @Option(names = "--sealed", description = "also compare the decider on sealed personal fields (as the API"
            + " sends them) with plain ones, back to back at the end")
    boolean sealed;

    PipelineOptions options() {
        require(documents >= 100, "--documents must be at least 100");
        require(active >= 1, "--active must be positive");
        require(partitions >= 1 && threads >= 1, "--partitions and --threads must be positive");
        require(warmup >= 0 && warmup < 1, "--warmup must be in [0, 1)");
        require(latencyRate >= 1 && latencyRate <= 5_000, "--latency-rate must be in [1, 5000]");
        require(latencySeconds >= 1 && latencySeconds <= 60, "--latency-seconds must be in [1, 60]");
        require(latencyRounds >= 1 && latencyRounds <= 10, "--latency-rounds must be in [1, 10]");
        require(phaseTimeout >= 10, "--phase-timeout must be at least 10 s");
        require(latencyCommit >= 1, "--latency-commit must be positive");
        return new PipelineOptions(documents, active, partitions, threads, warmup, latencyRate,
                Duration.ofSeconds(latencySeconds), Duration.ofSeconds(2), latencyRounds,
                Duration.ofMillis(latencyCommit), Duration.ofSeconds(phaseTimeout), seed, jfr,
                Map.copyOf(latencyOverrides), latencyVariants.stream().map(v -> settings(v, "--latency-variant")).toList(),
                deciderVariant == null ? Map.of() : settings(deciderVariant, "--decider-variant"), sealed);
    }

    private Map<String, String> settings(String list, String flag) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : list.split(",")) {
            String[] pair = setting.split("=", 2);
            require(pair.length == 2, flag + " needs KEY=VALUE[,KEY=VALUE]...");
            settings.put(pair[0], pair[1]);
        }
        return Map.copyOf(settings);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Override
    public Integer call() throws Exception {
        PipelineOptions options = options();
        PipelineBenchmark.run(options);
        return 0;
    }
}
