package dev.docpipe.bench.peer;

import dev.docpipe.bench.http.ClosedLoop;
import dev.docpipe.bench.infra.ApiDocuments;
import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Machine;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench peer}: docpipe's confirm-scan and the guarded-UPDATE + outbox peer behind the same HTTP layer
 * ({@link PeerApplication}), measured in one run at each client count, then each with its serving process
 * killed mid-run ({@link CrashRun}). Both servers get the same JVM options; docpipe's pipeline and the broker
 * run in this JVM, as in {@code bench http}.
 */
@Command(name = "peer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "docpipe's confirm-scan and the guarded-UPDATE + outbox peer behind the same Spring Boot HTTP "
                + "layer, side by side: req/s, p50/p99, CPU per request, and OCR jobs duplicated or lost when the "
                + "serving process is killed with kill -9.")
public final class PeerBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clients", defaultValue = "64,256,1024", split = ",",
            description = "concurrent keep-alive clients; both sides are measured at each count [${DEFAULT-VALUE}]")
    List<Integer> clients;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per side and count [${DEFAULT-VALUE}]")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "30",
            description = "unmeasured load on each side before the first count [${DEFAULT-VALUE}]")
    int warmupSeconds;
    @Option(names = "--documents", defaultValue = "200",
            description = "documents confirmed once per side, then confirmed again at random (each a 200) [${DEFAULT-VALUE}]")
    int documents;
    @Option(names = "--crash-documents", defaultValue = "2000",
            description = "fresh documents per side in the crash variant; 0 = no crash variant [${DEFAULT-VALUE}]")
    int crashDocuments;
    @Option(names = "--crash-confirms", defaultValue = "3",
            description = "clients confirming each document in the crash variant [${DEFAULT-VALUE}]")
    int crashConfirms;
    @Option(names = "--crash-clients", defaultValue = "64", description = "clients in the crash variant [${DEFAULT-VALUE}]")
    int crashClients;
    @Option(names = "--restart-timeout-seconds", defaultValue = "120",
            description = "the crash variant fails with an error if a killed server does not serve again within "
                    + "this [${DEFAULT-VALUE}]")
    int restartTimeoutSeconds;
    @Option(names = "--commit-interval-ms", defaultValue = "20", description = "the pipeline's commit.interval.ms [${DEFAULT-VALUE}]")
    int commitIntervalMs;
    @Option(names = "--stream-threads", defaultValue = "2", description = "the pipeline's stream threads [${DEFAULT-VALUE}]")
    int streamThreads;
    @Option(names = "--server-jvm-args", defaultValue = "-Xmx1g -XX:+UseZGC",
            description = "JVM options of both servers, api-service's and the peer's [${DEFAULT-VALUE}]")
    String serverJvmArgs;

    @Override
    public Integer call() throws Exception {
        check();
        Quiet.logging();
        System.out.printf("docpipe vs guarded UPDATE + outbox, same HTTP stack: clients %s, %d s per side and count "
                        + "after %d s of warm-up each, %d documents, crash variant %d documents x %d confirms at %d "
                        + "clients, servers %s%n%s%n", clients, seconds, warmupSeconds, documents, crashDocuments,
                crashConfirms, crashClients, serverJvmArgs, Machine.describe());
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        List<String> jvmArgs = List.of(serverJvmArgs.strip().split("\\s+"));
        // The production leases: no worker answers the OCR jobs here, and the tests' 30 s lease would re-issue
        // them (attempt 2, by design) during a slow crash run, which the job count would take for duplicates.
        PipelineConfig config = PipelineConfig.forTests(bootstrap, "docpipe-bench-peer",
                Files.createTempDirectory("docpipe-bench-streams")).withTopology(TopologySettings.DEFAULT)
                .withStreamsOverrides(Map.of(
                "commit.interval.ms", Integer.toString(commitIntervalMs),
                "num.stream.threads", Integer.toString(streamThreads)));
        Kafka.ensureTopic(bootstrap, PeerRelay.TOPIC);
        SideBySide table = new SideBySide();
        List<String> failures = new ArrayList<>();
        try (DocpipePipeline pipeline = DocpipePipeline.start(config);
                ApiProcess api = ApiProcess.start(bootstrap, jvmArgs, "--logging.level.root=WARN");
                PeerDatabase db = PeerDatabase.create();
                PeerProcess peerProcess = PeerProcess.start(bootstrap, db, jvmArgs)) {
            ApiProcess.Account account = api.createDevAccount();
            DocpipeSide docpipe = new DocpipeSide(api, account, bootstrap, db.postmasterPid());
            PeerSide peer = new PeerSide(peerProcess, db, account);
            List<String> docpipeDocuments = ApiDocuments.scanned(api, account, bootstrap, documents, true);
            List<String> peerDocuments = peer.documents(documents, "OCR_PENDING");
            confirmLoad(docpipe, docpipeDocuments, clients.getLast(), warmupSeconds);
            confirmLoad(peer, peerDocuments, clients.getLast(), warmupSeconds);
            for (int count : clients) {
                measure(table, docpipe, docpipeDocuments, count);
                measure(table, peer, peerDocuments, count);
            }
            if (crashDocuments > 0) {
                for (Side side : List.of(docpipe, peer)) {
                    crash(table, side, bootstrap, failures);
                }
            }
        }
        table.print(System.out);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("crash variant failed: " + String.join("; ", failures));
        }
        return 0;
    }

    /** One side's crash variant; a side whose server does not come back is reported, and the other still runs. */
    private void crash(SideBySide table, Side side, String bootstrap, List<String> failures) throws Exception {
        try {
            CrashRun.Result result = CrashRun.run(bootstrap, side, crashDocuments, crashConfirms, crashClients,
                    Duration.ofSeconds(restartTimeoutSeconds));
            table.crash(side.name(), crashClients, result);
            System.out.printf("%-24s crash variant done: down %.1f s, %,d OCR jobs, %,d duplicates, %,d lost, "
                    + "%,d unanswered%n", side.name(), result.downSeconds(), result.jobs(), result.duplicates(),
                    result.lost(), result.unanswered());
        } catch (IllegalStateException e) {
            System.out.println("!! " + e.getMessage());
            failures.add(e.getMessage());
        }
    }

    private void measure(SideBySide table, Side side, List<String> documents, int count) throws Exception {
        ResourceMeter meter = ResourceMeter.start(side::servingPids);
        ClosedLoop.Result result = confirmLoad(side, documents, count, seconds);
        ResourceMeter.Usage cpu = meter.stop();
        table.steady(side.name(), count, result, cpu);
        System.out.printf("%-24s @%5d clients: %,8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  statuses %s%n", side.name(),
                count, result.perSecond(), result.latencies().percentileMs(0.50),
                result.latencies().percentileMs(0.99), result.statuses());
    }

    private static ClosedLoop.Result confirmLoad(Side side, List<String> documents, int clients, int seconds)
            throws Exception {
        return ClosedLoop.run(side.port(), side.token(), documents, clients, Duration.ofSeconds(seconds),
                (client, document) -> client.post(document + "/confirm-scan"));
    }

    private void check() {
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
            throw new ParameterException(spec.commandLine(), "--clients must be positive counts");
        }
        if (seconds < 1 || documents < 1 || crashDocuments < 0 || crashConfirms < 1 || crashClients < 1
                || restartTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--seconds, --documents, --crash-confirms, --crash-clients "
                    + "and --restart-timeout-seconds must be at least 1, --crash-documents at least 0");
        }
    }
}
