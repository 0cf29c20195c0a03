package dev.docpipe.devstack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's run command ({@code scripts/dev-stack.sh}, which builds and then runs this jar).
 * Parses the options, points logging at the data directory, and hands over to {@link DevStack}.
 */
@Command(name = "dev-stack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs docpipe on this machine: a KRaft broker, PostgreSQL, the pipeline, api-service and workers.")
public final class DevStackMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./.docpipe-data",
            description = "Broker, database, Streams state, uploads and logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--reset", description = "Delete the data directory first: start empty.")
    boolean reset;

    @Option(names = "--infra-only", description = "Start only Kafka (with the topics) and PostgreSQL; print the environment for the services.")
    boolean infraOnly;

    @Option(names = "--pipeline-only", description = "Kafka, PostgreSQL, topics and the pipeline; no api-service, no workers.")
    boolean pipelineOnly;

    @Option(names = "--no-workers", description = "Everything but the workers: jobs wait in their topics until a later start.")
    boolean noWorkers;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Broker port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--pg-port", paramLabel = "PORT",
            description = "PostgreSQL port on 127.0.0.1; 0 = any free port (default: 5432 if free, else any free port).")
    Integer pgPort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8080",
            description = "api-service port; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--blob-store", paramLabel = "KIND", defaultValue = "local",
            description = "Where api-service and the workers keep files: local (<data-dir>/blobs) or s3 (a bucket on an"
                    + " S3 server, S3Proxy, started in this process over <data-dir>/s3) (default: ${DEFAULT-VALUE}).")
    StackOptions.BlobStoreKind blobStore;

    @Option(names = "--repo-root", paramLabel = "DIR",
            description = "Checkout whose <module>/target holds the service jars (default: found from this jar or the working directory).")
    Path repoRoot;

    @Override
    public Integer call() throws Exception {
        if (infraOnly && (pipelineOnly || noWorkers)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--infra-only cannot be combined with --pipeline-only or --no-workers");
        }
        DataDir data = DataDir.at(dataDir);
        if (reset) {
            data.delete();
        }
        data.create();
        // Before the first logger exists: logback.xml writes the full log to <data-dir>/logs/dev-stack.log.
        System.setProperty("docpipe.devstack.logs", data.logs().toString());
        StackOptions options = new StackOptions(data, mode(), kafkaPort, pgPort, apiPort,
                repoRoot != null ? repoRoot.toAbsolutePath().normalize() : RepoRoot.find(), blobStore);
        return new DevStack(options).runUntilStopped();
    }

    private StackOptions.Mode mode() {
        if (infraOnly) {
            return StackOptions.Mode.INFRA_ONLY;
        }
        if (pipelineOnly) {
            return StackOptions.Mode.PIPELINE_ONLY;
        }
        return noWorkers ? StackOptions.Mode.NO_WORKERS : StackOptions.Mode.EVERYTHING;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@code --blob-store s3} as the help spells it, though the enum constant is S3. */
    static CommandLine commandLine() {
        return new CommandLine(new DevStackMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
