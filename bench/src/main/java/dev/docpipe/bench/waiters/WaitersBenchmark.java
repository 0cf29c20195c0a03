package dev.docpipe.bench.waiters;

import dev.docpipe.bench.http.KeepAliveClient;
import dev.docpipe.bench.infra.ApiDocuments;
import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.ApiSetup;
import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.bench.infra.Quiet;
import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench waiters}: what waiting clients cost one API instance (issue 20). Holds {@code --waiters} long-polls
 * ({@code Prefer: wait}) on documents that do not change and {@code --streams} change streams (SSE), then reports
 * the API's heap per waiting client (after a full GC, before and after they connect), its CPU while they idle, the
 * time from a decision to the waiting client's answer (long-poll and stream, p50/p99: the decision's
 * {@code decidedAt} on the pipeline's clock, which is this JVM's, to the answer's arrival here), and the confirm-scan
 * throughput of closed-loop keep-alive clients without and with the waiters.
 *
 * <p>api-service runs from its executable jar in a JVM of its own ({@link ApiProcess}), with its wait listener on;
 * the waiting clients connect to that listener or to the main port ({@code --target}). Broker, pipeline and
 * clients run in this JVM. Bounded: every phase ends by itself; traffic goes to 127.0.0.1 only.
 */
@Command(name = "waiters", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Heap per waiting client, idle CPU, decision-to-client latency and confirm throughput with N "
                + "long-poll waiters and M change streams held on one API instance.")
public final class WaitersBenchmark implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--waiters", defaultValue = "10000", description = "long-poll clients held [${DEFAULT-VALUE}]")
    int waiters;
    @Option(names = "--streams", defaultValue = "2000", description = "change streams held, one per family [${DEFAULT-VALUE}]")
    int streams;
    @Option(names = "--documents", defaultValue = "200",
            description = "documents scanned and confirmed once: the waiters wait on them, the confirm clients re-confirm them [${DEFAULT-VALUE}]")
    int documents;
    @Option(names = "--probes", defaultValue = "100",
            description = "decisions measured one at a time, each with a waiter and the family's stream [${DEFAULT-VALUE}]")
    int probes;
    @Option(names = "--wait", defaultValue = "300",
            description = "Prefer: wait=N of the waiters, also the API's max-wait; longer than the run after the ramp, "
                    + "so that every waiter stays parked through the measurements [${DEFAULT-VALUE}]")
    int waitSeconds;
    @Option(names = "--ramp-batch", defaultValue = "500",
            description = "waiters (and streams) connected at a time; the next batch once the API holds them all [${DEFAULT-VALUE}]")
    int rampBatch;
    @Option(names = "--clients", defaultValue = "64", description = "confirm-scan clients (closed loop, keep-alive) [${DEFAULT-VALUE}]")
    int clients;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds of each confirm phase [${DEFAULT-VALUE}]")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "20", description = "confirm load before the first phase [${DEFAULT-VALUE}]")
    int warmupSeconds;
    @Option(names = "--idle-seconds", defaultValue = "20", description = "how long the idle CPU is measured [${DEFAULT-VALUE}]")
    int idleSeconds;
    @Option(names = "--commit-interval-ms", defaultValue = "20", description = "the pipeline's commit.interval.ms [${DEFAULT-VALUE}]")
    int commitIntervalMs;
    @Option(names = "--stream-threads", defaultValue = "2", description = "the pipeline's stream threads [${DEFAULT-VALUE}]")
    int streamThreads;
    // Each of the default run's 12,000 parked requests still holds Tomcat's request and its remaining buffers
    // (docs/performance.md): in a 1 GiB heap ZGC would run back to back, and every figure would measure that.
    @Option(names = "--target", defaultValue = "listener",
            description = "where the waiters and streams connect: listener (the API's wait listener, "
                    + "docpipe.api.wait-listener.port) or main (its main port, Tomcat) [${DEFAULT-VALUE}]")
    Target target;
    @Option(names = "--api-jvm-args", defaultValue = "-Xmx2g -XX:+UseZGC",
            description = "the API JVM's options; ZGC as the api-service image runs [${DEFAULT-VALUE}]")
    String apiJvmArgs;

    /** Where waiting clients connect (docs/decisions/0014-wait-listener.md); the API always runs its listener. */
    enum Target {
        listener, main
    }

    /** The base URL waiters and streams use; confirms, setup and meters always use the main port. */
    private String waitBase;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private volatile boolean holding = true;
    private final WaiterAnswers answers = new WaiterAnswers();
    private final WaiterAnswers streamFailures = new WaiterAnswers();

    @Override
    public Integer call() throws Exception {
        if (waiters < 0 || streams < 0 || documents < 1 || probes < 1 || waitSeconds < 1 || clients < 1
                || rampBatch < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--documents, --probes, --wait, --clients and --ramp-batch must be at least 1; --waiters and "
                            + "--streams not negative");
        }
        // Each waiter and stream is a socket in this JVM and one in the API's (which inherits this limit).
        OpenFiles.requireAtLeast(waiters + streams + OpenFiles.HEADROOM);
        Quiet.logging();
        System.out.printf("docpipe waiters benchmark: %d long-poll waiters (Prefer: wait=%d), %d change streams, "
                        + "%d documents, %d probes, %d confirm clients x %d s, %d cores; waiting clients on the %s "
                        + "port%n", waiters, waitSeconds, streams, documents, probes, clients, seconds,
                Runtime.getRuntime().availableProcessors(), target);
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Map<String, String> overrides = new TreeMap<>(Map.of("commit.interval.ms", Integer.toString(commitIntervalMs),
                "num.stream.threads", Integer.toString(streamThreads)));
        PipelineConfig config = stillDocuments(PipelineConfig.forTests(bootstrap, "docpipe-bench-waiters",
                Files.createTempDirectory("docpipe-bench-streams")).withStreamsOverrides(overrides));
        int listenerPort = LoopbackPorts.anyFree();
        try (DocpipePipeline pipeline = DocpipePipeline.start(config);
                ApiProcess api = ApiProcess.start(bootstrap, List.of(apiJvmArgs.strip().split("\\s+")),
                        "--logging.level.root=WARN", "--docpipe.api.waiting.max-wait=" + waitSeconds + "s",
                        "--docpipe.api.wait-listener.port=" + listenerPort)) {
            waitBase = target == Target.listener ? "http://127.0.0.1:" + listenerPort : api.base();
            ApiProcess.Account account = api.createDevAccount();
            List<String> confirmed = prepare(api, account, bootstrap, documents, true);
            List<String> probeDocuments = prepare(api, account, bootstrap, probes, false);
            System.out.printf("%d documents confirmed once, %d scanned for the probes%n", confirmed.size(),
                    probeDocuments.size());

            phase(api, account.token(), confirmed, warmupSeconds);
            Throughput without = phase(api, account.token(), confirmed, seconds);
            System.out.printf("%-44s %s%n", "confirm-scan without waiters", without);

            OpenFiles.requireAtLeast(api.pid(), waiters + streams + OpenFiles.HEADROOM);
            Path histograms = Path.of("target", "waiters-histograms", "api-" + api.pid());
            LiveHeap before = LiveHeap.of(api, account.token(), histograms.resolve("0-before.txt"));
            long ramp = System.nanoTime();
            for (int from = 0; from < waiters; from += rampBatch) {
                int to = Math.min(waiters, from + rampBatch);
                for (int i = from; i < to; i++) {
                    holdWaiter(api, account.token(), confirmed.get(i % confirmed.size()));
                }
                awaitGauge(api, account.token(), "docpipe.api.waiting.subscribers?tag=on:document", to,
                        "long-poll waiters parked");
            }
            System.out.printf("%-44s %d in %.1f s%n", "long-poll waiters parked", waiters,
                    (System.nanoTime() - ramp) / 1e9);
            LiveHeap withWaiters = LiveHeap.of(api, account.token(), histograms.resolve("1-waiters.txt"));
            System.out.printf("%-44s %s per waiter (live objects after a full GC: %d MiB before, %d MiB with %d "
                            + "waiters)%n", "API heap, long-polls",
                    perClient(withWaiters.live() - before.live(), withWaiters.waiters() - before.waiters()),
                    before.live() >> 20, withWaiters.live() >> 20, withWaiters.waiters());
            printGrowth("per long-poll waiter, by class", withWaiters.histogram().grownSince(before.histogram(), 12),
                    withWaiters.waiters() - before.waiters());
            ramp = System.nanoTime();
            List<Stream> open = openStreams(api, account.token(), streams);
            System.out.printf("%-44s %d in %.1f s (each a new family)%n", "change streams open", streams,
                    (System.nanoTime() - ramp) / 1e9);
            LiveHeap withStreams = LiveHeap.of(api, account.token(), histograms.resolve("2-streams.txt"));
            System.out.printf("%-44s %s per stream (live objects after a full GC: %d MiB with the streams too; heap "
                            + "in use %d MiB before, %d with the waiters, %d with the streams)%n", "API heap, streams",
                    perClient(withStreams.live() - withWaiters.live(), withStreams.streams() - withWaiters.streams()),
                    withStreams.live() >> 20, before.used() >> 20, withWaiters.used() >> 20, withStreams.used() >> 20);
            printGrowth("per change stream, by class", withStreams.histogram().grownSince(withWaiters.histogram(), 12),
                    withStreams.streams() - withWaiters.streams());
            System.out.printf("%-44s %s%n", "histograms (jcmd GC.class_histogram)", histograms.toAbsolutePath());

            WaiterAnswers.Snapshot beforeIdle = answers.snapshot();
            ResourceMeter idle = ResourceMeter.start(() -> Set.of(api.pid()));
            Thread.sleep(Duration.ofSeconds(idleSeconds));
            ResourceMeter.Usage idleCpu = idle.stop();
            WaiterAnswers.Snapshot idleAnswers = answers.snapshot().since(beforeIdle);
            System.out.printf("%-44s API %.1f %% of a core, this JVM (clients, broker, pipeline) %.1f %% over %.0f s; "
                            + "load average %s%n", "idle CPU with everyone waiting",
                    100 * idleCpu.externalCpuSeconds() / idleCpu.wallSeconds(),
                    100 * idleCpu.jvmCpuSeconds() / idleCpu.wallSeconds(), idleCpu.wallSeconds(), idleCpu.load());
            // none expected: a waiter answered here costs a request and a re-poll, and the CPU above counts them
            System.out.printf("%-44s %s%n", "waiters answered while idle", idleAnswers);

            probe(api, account, probeDocuments);

            Throughput with = phase(api, account.token(), confirmed, seconds);
            System.out.printf("%-44s %s (%.1f %% of the run without)%n", "confirm-scan with the waiters", with,
                    without.perSecond() == 0 ? 0 : 100 * with.perSecond() / without.perSecond());
            System.out.printf("%-44s %s (each re-polled; 5xx and failures a second later)%n",
                    "waiters answered while held", answers.snapshot());
            System.out.printf("%-44s %s (each reconnected)%n", "change streams refused, failed or ended",
                    streamFailures.snapshot());
            holding = false;
            open.forEach(Stream::close);
        } finally {
            holding = false;
            http.close();
        }
        return 0;
    }

    /**
     * The test configuration with job leases longer than any run: no worker takes the OCR jobs of the confirmed
     * documents, and with the test leases (30 s) each would be re-issued twice and then failed, every time a change
     * that answers all of its waiters at once, which then re-poll together (and, dozens per document, queue for the
     * API's connection pool), right through the phases that measure idle waiters.
     */
    private static PipelineConfig stillDocuments(PipelineConfig config) {
        TopologySettings test = config.topology();
        Duration outlastsTheRun = Duration.ofHours(6);
        return config.withTopology(new TopologySettings(
                new LeasePolicy(outlastsTheRun, outlastsTheRun, test.leases().maxIssues()),
                test.commandIdRetention(), test.maxRememberedCommands(), test.leaseCheckInterval()));
    }

    private static String perClient(long bytes, int clients) {
        return clients == 0 ? "-" : "%.1f KiB".formatted(bytes / 1024.0 / clients);
    }

    /** Uploads and scans {@code count} documents; confirms each once if asked. Returns their paths. */
    private static List<String> prepare(ApiProcess api, ApiProcess.Account account, String bootstrap, int count,
            boolean confirm) throws Exception {
        List<String> paths = ApiDocuments.scanned(api, account, bootstrap, count, confirm);
        if (confirm) {
            // the confirm's events are projected after its answer: waiters must not start on a version that
            // is about to change (they would be answered and poll again while the heap is measured)
            try (ApiSetup setup = new ApiSetup(api.base(), account.token())) {
                for (String path : paths) {
                    setup.awaitState(path, "OCR_PENDING", Duration.ofSeconds(120));
                }
            }
        }
        return paths;
    }

    private record Throughput(long requests, double seconds, Latencies latencies, Map<Integer, Long> statuses) {
        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return "%d requests in %.1f s = %.0f req/s   p50 %.1f ms   p99 %.1f ms   statuses %s".formatted(requests,
                    seconds, perSecond(), latencies.percentileMs(0.50), latencies.percentileMs(0.99), statuses);
        }
    }

    /** Closed-loop confirm-scan (each a 200: already confirmed, no event, so no waiter wakes). */
    private Throughput phase(ApiProcess api, String token, List<String> paths, int phaseSeconds) throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(phaseSeconds).toNanos();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Latencies>> perClient = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                perClient.add(pool.submit(() -> {
                    Latencies latencies = new Latencies();
                    try (KeepAliveClient client = new KeepAliveClient(api.port(), token)) {
                        while (System.nanoTime() < end) {
                            String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                            long t0 = System.nanoTime();
                            int status = client.post(path + "/confirm-scan");
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
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Throughput(all.count(), (System.nanoTime() - start) / 1e9, all, counts);
    }

    private HttpRequest.Builder request(ApiProcess api, String token, String path) {
        return HttpRequest.newBuilder(URI.create(api.base() + path)).header("Authorization", "Bearer " + token);
    }

    /** A request of a waiting client: to the --target port. */
    private HttpRequest.Builder waiting(String token, String path) {
        return HttpRequest.newBuilder(URI.create(waitBase + path)).header("Authorization", "Bearer " + token);
    }

    /** One long-poll client, re-polling after each answer as an app would, until the run ends. */
    private void holdWaiter(ApiProcess api, String token, String path) {
        poll(api, token, path, null);
    }

    private void poll(ApiProcess api, String token, String path, String etag) {
        if (!holding) {
            return;
        }
        HttpRequest.Builder r = waiting(token, path).timeout(Duration.ofSeconds(waitSeconds + 30L))
                .header("Prefer", "wait=" + waitSeconds);
        if (etag != null) {
            r.header("If-None-Match", etag);
        }
        http.sendAsync(r.GET().build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                answers.failed(error);
            }
            String answered = response == null ? null : response.headers().firstValue("ETag").orElse(null);
            if (response != null && (etag != null || response.statusCode() != 200)) {
                answers.answered(response.statusCode(), etag, answered);
            }
            if (error != null || response.statusCode() >= 500) {
                // as an app would: not at once, or a refusing API gets a storm of retries
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> poll(api, token, path, etag));
                return;
            }
            poll(api, token, path, answered != null ? answered : etag);
        });
    }

    /** An open change stream whose events are handed to a listener with their arrival time. */
    private final class Stream implements AutoCloseable {
        private volatile java.io.InputStream body;
        private volatile boolean closed;
        private volatile java.util.function.BiConsumer<JsonNode, Instant> listener = (e, t) -> { };

        Stream(ApiProcess api, String token, String childId) {
            connect(api, token, childId);
        }

        /** Opens the stream; a refusal (a 503 from a loaded API) or an error is retried a second later. */
        private void connect(ApiProcess api, String token, String childId) {
            http.sendAsync(waiting(token, "/api/v1/children/" + childId + "/documents/changes")
                            .header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream())
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() == 200) {
                            body = response.body();
                            Thread.ofVirtual().start(() -> {
                                read(response.body());
                                if (holding && !closed) { // ended by the API (it could not read its log): resume
                                    streamFailures.count("ended by the API");
                                    connect(api, token, childId);
                                }
                            });
                            return;
                        }
                        if (error != null) {
                            streamFailures.failed(error);
                        } else {
                            streamFailures.count(Integer.toString(response.statusCode()));
                        }
                        if (response != null) {
                            close(response.body());
                        }
                        if (holding) {
                            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
                                    .execute(() -> connect(api, token, childId));
                        }
                    });
        }

        private static void close(java.io.InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // refused anyway
            }
        }

        private void read(java.io.InputStream in) {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        listener.accept(JSON.readTree(line.substring(5).strip()), Instant.now());
                    }
                }
            } catch (IOException e) {
                // closed at the end of the run
            }
        }

        @Override
        public void close() {
            closed = true;
            try {
                if (body != null) {
                    body.close();
                }
            } catch (IOException ignored) {
                // the stream is being abandoned
            }
        }
    }

    /**
     * One stream per family: each family a dev account with one child. The families are made first, then the
     * streams opened batch by batch, each batch once the API holds the previous ones.
     */
    private List<Stream> openStreams(ApiProcess api, String token, int count) throws Exception {
        List<ApiProcess.Account> families = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<ApiProcess.Account>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(pool.submit(() -> createFamily(api)));
            }
            for (Future<ApiProcess.Account> f : made) {
                families.add(f.get());
            }
        }
        List<Stream> open = new ArrayList<>();
        for (int from = 0; from < count; from += rampBatch) {
            int to = Math.min(count, from + rampBatch);
            for (ApiProcess.Account family : families.subList(from, to)) {
                open.add(new Stream(api, family.token(), family.childId().toString()));
            }
            awaitGauge(api, token, "docpipe.api.change.streams", to, "change streams open");
        }
        return open;
    }

    /** A dev account; a 503 (the API's database answered too slowly) is retried, as a client would. */
    private static ApiProcess.Account createFamily(ApiProcess api) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return api.createDevAccount();
            } catch (IllegalStateException e) {
                if (attempt == 5 || !e.getMessage().contains(" 503 ")) {
                    throw e;
                }
                Thread.sleep(Duration.ofSeconds(attempt));
            }
        }
    }

    /**
     * One decision at a time: a waiter parked on a scanned document and the family's stream open, then
     * confirm-scan; each side's latency runs from the outcome's decidedAt to the arrival of its answer.
     */
    private void probe(ApiProcess api, ApiProcess.Account account, List<String> paths) throws Exception {
        Latencies waiterLatency = new Latencies();
        Latencies streamLatency = new Latencies();
        Map<String, Instant> streamArrivals = new ConcurrentHashMap<>();
        try (Stream stream = new Stream(api, account.token(), account.childId().toString())) {
            stream.listener = (event, at) -> {
                if ("ScanConfirmed".equals(event.path("event").asString())) {
                    streamArrivals.putIfAbsent(event.path("documentId").asString(), at);
                }
            };
            awaitGauge(api, account.token(), "docpipe.api.change.streams", streams + 1, "probe stream open");
            for (String path : paths) {
                HttpResponse<String> view = http.send(request(api, account.token(), path).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                String etag = view.headers().firstValue("ETag").orElseThrow();
                double parked = gauge(api, account.token(), "docpipe.api.waiting.subscribers?tag=on:document");
                var answer = http.sendAsync(waiting(account.token(), path).header("If-None-Match", etag)
                                .header("Prefer", "wait=" + waitSeconds).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).thenApply(r -> Map.entry(r, Instant.now()));
                awaitGauge(api, account.token(), "docpipe.api.waiting.subscribers?tag=on:document", parked + 1,
                        "probe waiter parked");
                HttpResponse<String> confirm = http.send(request(api, account.token(), path + "/confirm-scan")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                Instant decidedAt = Instant.parse(JSON.readTree(confirm.body()).path("decidedAt").asString());
                var answered = answer.get(waitSeconds + 30L, java.util.concurrent.TimeUnit.SECONDS);
                if (answered.getKey().statusCode() == 200) {
                    waiterLatency.record(Duration.between(decidedAt, answered.getValue()).toNanos());
                }
                String documentId = path.substring(path.lastIndexOf('/') + 1);
                awaitCondition(() -> streamArrivals.containsKey(documentId), Duration.ofSeconds(30),
                        "the stream's event for " + documentId);
                streamLatency.record(Duration.between(decidedAt, streamArrivals.get(documentId)).toNanos());
            }
        }
        System.out.printf("%-44s long-poll p50 %.1f ms  p99 %.1f ms  max %.1f ms (%d);  stream p50 %.1f ms  p99 %.1f ms"
                        + "  max %.1f ms (%d)%n", "decision -> waiting client",
                waiterLatency.percentileMs(0.50), waiterLatency.percentileMs(0.99), waiterLatency.maxMs(),
                waiterLatency.count(), streamLatency.percentileMs(0.50), streamLatency.percentileMs(0.99),
                streamLatency.maxMs(), streamLatency.count());
    }

    private static double gauge(ApiProcess api, String token, String meter) throws IOException, InterruptedException {
        return api.meter(meter, token).getOrDefault("VALUE", 0.0);
    }

    private static void awaitGauge(ApiProcess api, String token, String meter, double atLeast, String what)
            throws Exception {
        awaitCondition(() -> {
            try {
                return gauge(api, token, meter) >= atLeast;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }, Duration.ofSeconds(120), what + " (" + (long) atLeast + ")");
    }

    private static void awaitCondition(BooleanSupplier condition, Duration within, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + within + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void printGrowth(String title, List<ClassHistogram.Growth> growth, int clients) {
        if (clients == 0) {
            return;
        }
        System.out.printf("  %s:%n", title);
        for (ClassHistogram.Growth g : growth) {
            System.out.printf("    %8.0f B  %6.2f objects  %s%n", (double) g.bytes() / clients,
                    (double) g.instances() / clients, g.className());
        }
    }

    /**
     * The API's live objects after a full collection (jcmd's class histogram collects before counting), the heap
     * the JVM then reports in use (which also counts what the collector keeps in partly filled pages), and the
     * waiters and streams the API held just before and after: per client is live bytes over clients held.
     */
    private record LiveHeap(long live, long used, int waiters, int streams, ClassHistogram histogram) {
        static LiveHeap of(ApiProcess api, String token, Path saveTo) throws Exception {
            int waiters = (int) gauge(api, token, "docpipe.api.waiting.subscribers?tag=on:document");
            int streams = (int) gauge(api, token, "docpipe.api.change.streams");
            ClassHistogram histogram = ClassHistogram.of(api.pid(), saveTo);
            long used = (long) gauge(api, token, "jvm.memory.used?tag=area:heap");
            int waitersAfter = (int) gauge(api, token, "docpipe.api.waiting.subscribers?tag=on:document");
            int streamsAfter = (int) gauge(api, token, "docpipe.api.change.streams");
            if (waiters != waitersAfter || streams != streamsAfter) {
                // a wait ended or a client connected meanwhile: the bytes would not match the count
                System.out.printf("  (clients changed while the histogram was taken: waiters %d -> %d, streams %d -> "
                        + "%d)%n", waiters, waitersAfter, streams, streamsAfter);
            }
            return new LiveHeap(histogram.totalBytes(), used, waitersAfter, streamsAfter, histogram);
        }
    }
}
