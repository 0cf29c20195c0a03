package dev.docpipe.bench.curves;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench curves}: how docpipe's costs grow with the number of documents ({@link CurvesRun}). */
@Command(name = "curves", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loads the pipeline benchmark's command mix up to each size in turn and measures, per size: state "
                + "store bytes, restore and failover time, rebuild-projection and audit wall time, read-model size, "
                + "GET p99 through the API, pipeline throughput. Prints a table per curve and writes a PNG chart per "
                + "curve.")
public final class CurvesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", defaultValue = "10000,100000,1000000", split = ",",
            description = "documents of the workload at each measured point, ascending; each point adds to the "
                    + "last [${DEFAULT-VALUE}]")
    List<Integer> sizes;
    @Option(names = "--charts", defaultValue = "docs/perf/curves",
            description = "directory the PNG charts are written to [${DEFAULT-VALUE}]")
    Path charts;
    @Option(names = "--partitions", defaultValue = "12", description = "partitions of docpipe's topics [${DEFAULT-VALUE}]")
    int partitions;
    @Option(names = "--child-documents", defaultValue = "1000",
            description = "documents of the one child whose list is read through the API [${DEFAULT-VALUE}]")
    int childDocuments;
    @Option(names = "--read-clients", defaultValue = "8", description = "keep-alive clients of the GET phases [${DEFAULT-VALUE}]")
    int readClients;
    @Option(names = "--read-seconds", defaultValue = "15", description = "measured seconds of each GET phase [${DEFAULT-VALUE}]")
    int readSeconds;
    @Option(names = "--read-warmup-seconds", defaultValue = "10",
            description = "unmeasured seconds of the same load before each GET phase [${DEFAULT-VALUE}]")
    int readWarmupSeconds;
    @Option(names = "--api-jvm-args", defaultValue = "-Xmx1g -XX:+UseZGC", description = "the API JVM's options [${DEFAULT-VALUE}]")
    String apiJvmArgs;
    @Option(names = "--phase-timeout", defaultValue = "3600", description = "seconds after which a phase fails the run [${DEFAULT-VALUE}]")
    int phaseTimeout;
    @Option(names = "--seed", defaultValue = "42", description = "the workload's seed [${DEFAULT-VALUE}]")
    long seed;

    @Override
    public Integer call() throws Exception {
        check();
        new CurvesRun(settings()).run();
        return 0;
    }

    /** What a run does, from the options (checked when the command runs). */
    public record Settings(List<Integer> sizes, Path charts, int partitions, int childDocuments, int readClients,
            Duration readSeconds, Duration readWarmup, List<String> apiJvmArgs, Duration phaseTimeout, long seed) {}

    public Settings settings() {
        return new Settings(List.copyOf(sizes), charts, partitions, childDocuments, readClients,
                Duration.ofSeconds(readSeconds), Duration.ofSeconds(readWarmupSeconds), List.of(apiJvmArgs.strip().split("\\s+")),
                Duration.ofSeconds(phaseTimeout), seed);
    }

    private void check() {
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) < 100 || (i > 0 && sizes.get(i) <= sizes.get(i - 1))) {
                throw new ParameterException(spec.commandLine(), "--sizes must be ascending, each at least 100");
            }
        }
        if (partitions < 1 || childDocuments < 1 || readClients < 1 || readSeconds < 1 || phaseTimeout < 1
                || readWarmupSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--partitions, --child-documents, --read-clients, "
                    + "--read-seconds and --phase-timeout must be at least 1");
        }
    }
}
