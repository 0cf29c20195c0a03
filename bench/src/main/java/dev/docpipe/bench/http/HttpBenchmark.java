package dev.docpipe.bench.http;

import dev.docpipe.bench.infra.ApiDocuments;
import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench http}: drives the real HTTP API on loopback with concurrent clients and prints requests/s
 * and latency percentiles for confirm-scan (the full path: command produced, decided by the pipeline,
 * outcome consumed, response) and GET document (read model). api-service runs from its executable jar in
 * a JVM of its own, as deployed ({@link ApiProcess}); broker, pipeline and clients run in this JVM,
 * PostgreSQL in its own processes. Each client is one keep-alive connection ({@link KeepAliveClient}).
 *
 * <p>Bounded: each phase stops by itself after {@code --seconds}, the warm-up after
 * {@code --max-warmup-seconds}; traffic goes to 127.0.0.1 only.
 */
@Command(name = "http", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Requests per second and latency of confirm-scan (through the pipeline and back) and GET "
                + "document through api-service's real HTTP API, per number of concurrent keep-alive clients.")
public final class HttpBenchmark implements Callable<Integer> {
    /** JIT compile time per warm-up round below which the JIT counts as settled (ms per second of round). */
    private static final long SETTLED_COMPILE_MS_PER_S = 30;

    @Option(names = "--clients", defaultValue = "64,80,96", split = ",",
            description = "concurrent clients; each count is measured in turn after one warm-up [${DEFAULT-VALUE}]")
    List<Integer> clients;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per phase [${DEFAULT-VALUE}]")
    int seconds;
    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "open loop: requests/s offered with Poisson arrivals, latency from each request's due time; "
                    + "0 = closed loop [${DEFAULT-VALUE}]")
    int rate;
    @Option(names = "--warmup-seconds", defaultValue = "10", description = "length of a warm-up round [${DEFAULT-VALUE}]")
    int warmupSeconds;
    @Option(names = "--max-warmup-seconds", defaultValue = "240",
            description = "warm-up rounds run until the JIT settles, at most this long [${DEFAULT-VALUE}]")
    int maxWarmupSeconds;
    @Option(names = "--documents", defaultValue = "200", description = "documents scanned and confirmed once, then hit at random [${DEFAULT-VALUE}]")
    int documents;
    /*
     * The pipeline as an interactive deployment runs it (a person waits for each confirm): commits every
     * 20 ms instead of the pipeline's default, two stream threads instead of one (they commit
     * independently, so outcomes become visible in twice as many, half as large bursts).
     */
    @Option(names = "--commit-interval-ms", defaultValue = "20", description = "the pipeline's commit.interval.ms [${DEFAULT-VALUE}]")
    int commitIntervalMs;
    @Option(names = "--stream-threads", defaultValue = "2", description = "the pipeline's stream threads [${DEFAULT-VALUE}]")
    int streamThreads;
    @Option(names = "--streams", paramLabel = "KEY=VALUE", description = "any other Kafka Streams setting of the pipeline; repeatable")
    Map<String, String> streams = new LinkedHashMap<>();
    @Option(names = "--api-jvm-args", defaultValue = "-Xmx1g -XX:+UseZGC",
            description = "the API JVM's options; ZGC as the api-service image runs [${DEFAULT-VALUE}]")
    String apiJvmArgs;
    @Option(names = "--trace", description = "also print where confirm-scan's time goes between API, broker and pipeline")
    boolean trace;

    private CommandPathTrace commandPath;

    @Override
    public Integer call() throws Exception {
        Quiet.logging();
        System.out.printf("docpipe API benchmark: clients %s, %d s per phase (after a warm-up in rounds of %d s "
                + "until the JIT settles), %d documents, pipeline overrides %s, %s, %d cores%n", clients, seconds,
                warmupSeconds, documents, streamsOverrides(),
                rate > 0 ? "open loop at " + rate + " requests/s offered" : "closed loop",
                Runtime.getRuntime().availableProcessors());
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        PipelineConfig config = PipelineConfig.forTests(bootstrap, "docpipe-bench-http",
                Files.createTempDirectory("docpipe-bench-streams")).withStreamsOverrides(streamsOverrides());
        try (DocpipePipeline pipeline = DocpipePipeline.start(config);
                ApiProcess api = ApiProcess.start(bootstrap, List.of(apiJvmArgs.strip().split("\\s+")),
                        "--logging.level.root=WARN")) {
            ApiProcess.Account account = api.createDevAccount();
            List<String> paths = prepare(api, account, bootstrap);
            System.out.printf("%d documents scanned and confirmed once; each further confirm-scan is a 200%n",
                    paths.size());
            if (trace) {
                commandPath = CommandPathTrace.start(bootstrap);
            }
            Load load = new Load(api, account.token(), paths, pipeline.streams());
            run("confirm-scan (POST, incl. outcome wait)", load, (client, doc) -> client.post(doc + "/confirm-scan"),
                    200);
            run("GET document", load, KeepAliveClient::get, 200);
        } finally {
            if (commandPath != null) {
                commandPath.close();
            }
        }
        return 0;
    }

    /** commit.interval.ms and num.stream.threads, plus any Kafka Streams setting given with --streams. */
    private Map<String, String> streamsOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        overrides.put("commit.interval.ms", Integer.toString(commitIntervalMs));
        overrides.put("num.stream.threads", Integer.toString(streamThreads));
        overrides.putAll(streams);
        return overrides;
    }

    /** Uploads, scans (as a worker would) and confirms the documents: the steady state being measured. */
    private List<String> prepare(ApiProcess api, ApiProcess.Account account, String bootstrap) throws Exception {
        return ApiDocuments.scanned(api, account, bootstrap, documents, true);
    }

    /** What the clients hit: the API, the caller's token, the documents to pick from at random. */
    private record Load(ApiProcess api, String token, List<String> documents, KafkaStreams streams) {}

    /** One request on a client's connection; returns the HTTP status. */
    private interface Call {
        int send(KeepAliveClient client, String documentPath);
    }

    private void run(String name, Load load, Call call, int expected) throws Exception {
        warmUp(name, load, call);
        for (int count : clients) {
            measure(name + " @" + count + " clients", load, call, count, expected);
        }
    }

    private void measure(String name, Load load, Call call, int clientCount, int expected) throws Exception {
        long compiling = compileMillis(load);
        Map<String, Double> waited = load.api().meter("docpipe.api.outcome.wait", load.token());
        if (commandPath != null) {
            commandPath.report();
        }
        ResourceMeter meter = ResourceMeter.start(() -> Set.of(load.api().pid()));
        Result r = phase(load, call, seconds, clientCount);
        ResourceMeter.Usage cpu = meter.stop();
        compiling = compileMillis(load) - compiling;
        Map<String, Double> waitedAfter = load.api().meter("docpipe.api.outcome.wait", load.token());
        double waits = waitedAfter.getOrDefault("COUNT", 0.0) - waited.getOrDefault("COUNT", 0.0);
        double meanWaitMs = waits == 0 ? 0
                : 1e3 * (waitedAfter.getOrDefault("TOTAL_TIME", 0.0) - waited.getOrDefault("TOTAL_TIME", 0.0)) / waits;
        long n = r.latencies().count();
        System.out.printf("%-56s %8d requests in %5.1f s = %8.0f req/s   p50 %6.1f ms   p90 %6.1f ms   "
                        + "p99 %6.1f ms   max %7.1f ms   statuses %s%n",
                name, n, r.seconds(), n / r.seconds(), r.latencies().percentileMs(0.50),
                r.latencies().percentileMs(0.90), r.latencies().percentileMs(0.99), r.latencies().maxMs(),
                r.statuses());
        System.out.printf("%-56s CPU %.2f ms per request: this JVM (broker, pipeline, clients) %.2f + API JVM %.2f "
                + "(PostgreSQL not included); JIT compiling %.1f s of the %.0f s (both JVMs)%n", "",
                n == 0 ? 0 : cpu.totalCpuSeconds() * 1e3 / n, n == 0 ? 0 : cpu.jvmCpuSeconds() * 1e3 / n,
                n == 0 ? 0 : cpu.externalCpuSeconds() * 1e3 / n, compiling / 1e3, r.seconds());
        System.out.printf("%-56s API: mean %.1f ms from receiving a command request to its outcome; pipeline: %s%n",
                "", meanWaitMs, streamThreadMetrics(load.streams()));
        if (commandPath != null && waits > 0) {
            System.out.printf("%-56s %s%n", "", commandPath.report());
        }
        if (r.statuses().keySet().stream().anyMatch(s -> s != expected)) {
            System.out.printf("  note: expected only %d%n", expected);
        }
    }

    /**
     * Runs the load until the JIT has settled. C2 keeps compiling the API's, the pipeline's and the broker's
     * hot paths for a minute or more at full load: a fixed 5 s warm-up measured the compiler, not docpipe.
     */
    private void warmUp(String name, Load load, Call call) throws Exception {
        long started = System.nanoTime();
        long compiled;
        do {
            long before = compileMillis(load);
            phase(load, call, warmupSeconds, clients.getLast());
            compiled = compileMillis(load) - before;
        } while (compiled > SETTLED_COMPILE_MS_PER_S * warmupSeconds
                && System.nanoTime() - started < Duration.ofSeconds(maxWarmupSeconds).toNanos());
        System.out.printf("%-56s warm-up %.0f s (JIT compiled %d ms in the last %d s)%n", name,
                (System.nanoTime() - started) / 1e9, compiled, warmupSeconds);
    }

    /** JIT compile time so far of this JVM and of the API's (its jvm.compilation.time meter), in ms. */
    private static long compileMillis(Load load) throws IOException, InterruptedException {
        double api = load.api().meter("jvm.compilation.time", load.token()).getOrDefault("COUNT", 0.0);
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() + (long) api;
    }

    /**
     * Where a command's time goes inside the pipeline (Kafka Streams' own windowed thread metrics):
     * rates summed over the stream threads, averages averaged, maxima the largest.
     */
    private static String streamThreadMetrics(KafkaStreams streams) {
        Map<String, DoubleSummaryStatistics> values = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && List.of("commit-latency-avg", "commit-latency-max",
                    "commit-rate", "poll-latency-avg", "process-latency-avg", "process-records-avg",
                    "punctuate-latency-avg").contains(name.name())) {
                values.computeIfAbsent(name.name(), n -> new DoubleSummaryStatistics())
                        .accept(((Number) metric.metricValue()).doubleValue());
            }
        });
        StringBuilder line = new StringBuilder();
        values.forEach((name, v) -> line.append(String.format("%s %.1f  ", name,
                name.endsWith("-rate") ? v.getSum() : name.endsWith("-max") ? v.getMax() : v.getAverage())));
        return line.toString().trim();
    }

    private record Result(Latencies latencies, double seconds, Map<Integer, Long> statuses) {}

    private Result phase(Load load, Call call, int phaseSeconds, int clientCount) throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(phaseSeconds).toNanos();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Latencies>> perClient = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                perClient.add(pool.submit(() -> {
                    Latencies latencies = new Latencies();
                    // open loop: each client sends at Poisson-spaced times (rate / clients per second); a
                    // request's latency counts from when it was due, so a slow answer is not hidden by the
                    // client sending its next request late (coordinated omission)
                    double meanGapNanos = rate > 0 ? 1e9 * clientCount / rate : 0;
                    long due = start + (long) (meanGapNanos * ThreadLocalRandom.current().nextDouble());
                    try (KeepAliveClient client = new KeepAliveClient(load.api().port(), load.token())) {
                        while (System.nanoTime() < end) {
                            String document = load.documents().get(
                                    ThreadLocalRandom.current().nextInt(load.documents().size()));
                            long t0 = System.nanoTime();
                            if (rate > 0) {
                                if (due > t0) {
                                    LockSupport.parkNanos(due - t0);
                                }
                                t0 = due;
                                due += (long) (-meanGapNanos * Math.log(1 - ThreadLocalRandom.current().nextDouble()));
                            }
                            int status = call.send(client, document);
                            latencies.record(System.nanoTime() - t0);
                            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    return latencies;
                }));
            }
            for (Future<Latencies> f : perClient) {
                all.add(f.get());
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Result(all, took, counts);
    }
}
