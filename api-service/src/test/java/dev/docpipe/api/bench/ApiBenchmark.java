package dev.docpipe.api.bench;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drives the real HTTP API on loopback with concurrent clients and prints requests/s and latency
 * percentiles for confirm-scan (the full path: command produced, decided by the pipeline, outcome
 * consumed, response) and GET document (read model). Broker, pipeline, API and clients run in this one
 * JVM (PostgreSQL in its own process); each client is one keep-alive connection ({@link KeepAliveClient}).
 *
 * <pre>
 * ./mvnw -B -q -pl api-service -am -DskipTests -Pbench verify \
 *     -Dbench.clients=64,80,96 -Dbench.seconds=20 -Dbench.documents=200 -Dbench.commitIntervalMs=20
 * </pre>
 *
 * Bounded: each phase stops by itself after bench.seconds, the warm-up after bench.maxWarmupSeconds;
 * traffic goes to 127.0.0.1 only.
 */
public final class ApiBenchmark {
    /** Concurrent clients; a comma-separated list measures each count in turn after one warm-up. */
    private static final List<Integer> CLIENTS = Arrays.stream(System.getProperty("bench.clients", "128").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    /**
     * Offered load in requests/s, spread over the clients (open loop, latency as independent mobile
     * clients would see it); 0 = closed loop, each client sending its next request as soon as the last
     * is answered (throughput at a fixed concurrency).
     */
    private static final int RATE = Integer.getInteger("bench.rate", 0);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 10);
    private static final int MAX_WARMUP_SECONDS = Integer.getInteger("bench.maxWarmupSeconds", 240);
    /** JIT compile time per warm-up round below which the JIT counts as settled (ms per second of round). */
    private static final long SETTLED_COMPILE_MS_PER_S = 30;
    private static final int DOCUMENTS = Integer.getInteger("bench.documents", 200);
    /*
     * The pipeline as an interactive deployment runs it (a person waits for each confirm): commits every
     * 20 ms instead of the pipeline's default 50, two stream threads instead of one (they commit
     * independently, so outcomes become visible in twice as many, half as large bursts). README, "HTTP API
     * benchmark", has the figures with the pipeline's defaults too.
     */
    private static final int COMMIT_INTERVAL_MS = Integer.getInteger("bench.commitIntervalMs", 20);
    private static final int STREAM_THREADS = Integer.getInteger("bench.streamThreads", 2);
    /** Also print where confirm-scan's time goes between API, broker and pipeline ({@link CommandPathTrace}). */
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");
    private static CommandPathTrace trace;

    public static void main(String[] args) throws Exception {
        System.out.printf("docpipe API benchmark: clients %s, %d s per phase (after a warm-up in rounds of %d s "
                + "until the JIT settles), %d documents, "
                + "pipeline overrides %s, %s, %d cores%n", CLIENTS, SECONDS, WARMUP_SECONDS, DOCUMENTS,
                streamsOverrides(), RATE > 0 ? "open loop at " + RATE + " requests/s offered" : "closed loop",
                Runtime.getRuntime().availableProcessors());
        KafkaBroker broker = KafkaBroker.shared();
        PostgresDatabase pg = PostgresDatabase.shared();
        String bootstrap = broker.bootstrapServers();
        String jdbcUrl = pg.createDatabase("api_bench_" + ProcessHandle.current().pid());
        Path blobs = Files.createTempDirectory("docpipe-bench-blobs");
        DocpipePipeline pipeline = DocpipePipeline.start(
                PipelineConfig.forTests(bootstrap, "docpipe-bench", Files.createTempDirectory("docpipe-bench-streams"))
                        .withStreamsOverrides(streamsOverrides()));
        ConfigurableApplicationContext app = new SpringApplication(ApiApplication.class).run(
                "--spring.profiles.active=dev",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(),
                "--docpipe.blob.dir=" + blobs,
                "--logging.level.root=WARN");
        int exit = 0;
        try {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            HttpApi anonymous = new HttpApi(base, null);
            HttpApi.Response account = anonymous.post("/api/v1/dev/accounts", null);
            HttpApi api = anonymous.as(account.json().path("token").asString());
            UUID child = UUID.fromString(account.json().path("childId").asString());

            List<String> documents = prepare(api, child, bootstrap);
            System.out.printf("%d documents scanned and confirmed once; each further confirm-scan is a 200%n",
                    documents.size());

            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String token = account.json().path("token").asString();
            if (TRACE) {
                trace = CommandPathTrace.start(bootstrap);
            }
            Load load = new Load(port, token, documents, pipeline.streams(), app.getBean(MeterRegistry.class));
            run("confirm-scan (POST, incl. outcome wait)", load, (client, doc) -> client.post(doc + "/confirm-scan"),
                    200);
            run("GET document", load, KeepAliveClient::get, 200);
        } catch (RuntimeException e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            if (trace != null) {
                trace.close();
            }
            app.close();
            pipeline.close();
        }
        System.exit(exit);
    }

    /** commit.interval.ms and num.stream.threads, plus any Kafka Streams setting given as -Dbench.streams.NAME=VALUE. */
    private static Map<String, String> streamsOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        overrides.put("commit.interval.ms", Integer.toString(COMMIT_INTERVAL_MS));
        overrides.put("num.stream.threads", Integer.toString(STREAM_THREADS));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("bench.streams."))
                .forEach(name -> overrides.put(name.substring("bench.streams.".length()), System.getProperty(name)));
        return overrides;
    }

    /** Uploads, scans (as a worker would) and confirms the documents: the steady state being measured. */
    private static List<String> prepare(HttpApi api, UUID child, String bootstrap) throws Exception {
        List<String> paths = new ArrayList<>();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                uploads.add(pool.submit(() -> {
                    HttpApi.Response r = api.uploadFile(child, "bench.pdf",
                            ("%PDF-1.7\n% " + UUID.randomUUID() + "\n").getBytes());
                    if (r.status() != 202) {
                        throw new IllegalStateException("upload: " + r);
                    }
                    return r.json().path("documentId").asString();
                }));
            }
            for (Future<String> f : uploads) {
                String id = f.get();
                ids.add(id);
                paths.add("/api/v1/children/" + child + "/documents/" + id);
            }
        }
        scanAll(bootstrap, ids);
        for (String path : paths) {
            Awaitility.await("SCANNED: " + path).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get(path).json().path("state").asString().equals("SCANNED"));
            HttpApi.Response confirm = api.post(path + "/confirm-scan", null);
            if (confirm.status() != 202) {
                throw new IllegalStateException("first confirm: " + confirm);
            }
        }
        return paths;
    }

    private static void scanAll(String bootstrap, Set<String> documentIds) {
        Set<String> done = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCAN_JOBS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (done.size() < documentIds.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (documentIds.contains(r.key()) && done.add(r.key())) {
                        Job job = ModelJson.JOBS.decode(r.value());
                        producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, r.key(), ModelJson.RESULTS.encode(
                                new ScanSucceeded(job.jobId(), job.documentId(), Instant.now(),
                                        new ScanReport("application/pdf", 1, null, null, 300, "de", true, List.of())))));
                    }
                }
            }
            producer.flush();
        }
        if (done.size() < documentIds.size()) {
            throw new IllegalStateException("scan jobs missing: " + (documentIds.size() - done.size()));
        }
    }

    /** What the clients hit: the API's port, the caller's token, the documents to pick from at random. */
    private record Load(int port, String token, List<String> documents, KafkaStreams streams,
            MeterRegistry apiMetrics) {}

    /** One request on a client's connection; returns the HTTP status. */
    private interface Call {
        int send(KeepAliveClient client, String documentPath);
    }

    private static void run(String name, Load load, Call call, int expected) throws Exception {
        warmUp(name, load, call);
        for (int clients : CLIENTS) {
            measure(name + " @" + clients + " clients", load, call, clients, expected);
        }
    }

    private static void measure(String name, Load load, Call call, int clients, int expected) throws Exception {
        long compiling = compileMillis();
        long cpu = processCpuNanos();
        double[] waited = outcomeWaits(load.apiMetrics());
        if (trace != null) {
            trace.report();
        }
        Result r = phase(load, call, SECONDS, clients);
        cpu = processCpuNanos() - cpu;
        compiling = compileMillis() - compiling;
        double[] waitedAfter = outcomeWaits(load.apiMetrics());
        double meanWaitMs = waitedAfter[0] == waited[0] ? 0
                : (waitedAfter[1] - waited[1]) / (waitedAfter[0] - waited[0]);
        long[] l = r.latenciesNanos;
        Arrays.sort(l);
        System.out.printf("%-56s %8d requests in %5.1f s = %8.0f req/s   p50 %6.1f ms   p90 %6.1f ms   "
                        + "p99 %6.1f ms   max %7.1f ms   statuses %s%n",
                name, l.length, r.seconds, l.length / r.seconds, ms(l, 0.50), ms(l, 0.90), ms(l, 0.99),
                l.length == 0 ? 0 : l[l.length - 1] / 1e6, r.statuses);
        System.out.printf("%-56s this JVM's CPU %.2f ms per request (broker, pipeline, API, clients; PostgreSQL "
                + "not included), JIT compiling %.1f s of the %.0f s%n", "", l.length == 0 ? 0 : cpu / 1e6 / l.length,
                compiling / 1e3, r.seconds);
        System.out.printf("%-56s API: mean %.1f ms from receiving a command request to its outcome; pipeline: %s%n",
                "", meanWaitMs, streamThreadMetrics(load.streams()));
        if (trace != null && waitedAfter[0] > waited[0]) {
            System.out.printf("%-56s %s%n", "", trace.report());
        }
        if (r.statuses.keySet().stream().anyMatch(s -> s != expected)) {
            System.out.printf("  note: expected only %d%n", expected);
        }
    }

    /**
     * Runs the load until the JIT has settled. Broker, pipeline, API and clients share this JVM, and
     * C2 keeps compiling their hot paths for a minute or more at full load: a fixed 5 s warm-up
     * measured the compiler (it took ~0.6 of the 2 cores), not docpipe.
     */
    private static void warmUp(String name, Load load, Call call) throws Exception {
        long started = System.nanoTime();
        long compiled;
        do {
            long before = compileMillis();
            phase(load, call, WARMUP_SECONDS, CLIENTS.getLast());
            compiled = compileMillis() - before;
        } while (compiled > SETTLED_COMPILE_MS_PER_S * WARMUP_SECONDS
                && System.nanoTime() - started < Duration.ofSeconds(MAX_WARMUP_SECONDS).toNanos());
        System.out.printf("%-56s warm-up %.0f s (JIT compiled %d ms in the last %d s)%n", name,
                (System.nanoTime() - started) / 1e9, compiled, WARMUP_SECONDS);
    }

    /** {count, total ms} of the API's docpipe.api.outcome.wait timers (zero for GET phases). */
    private static double[] outcomeWaits(MeterRegistry registry) {
        double count = 0;
        double totalMs = 0;
        for (Timer timer : registry.find("docpipe.api.outcome.wait").timers()) {
            count += timer.count();
            totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
        }
        return new double[] {count, totalMs};
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

    private static long compileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Result(long[] latenciesNanos, double seconds, Map<Integer, Long> statuses) {}

    private static Result phase(Load load, Call call, int seconds, int clientCount) throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<long[]> perClient = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> clients = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                clients.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    // open loop: each client sends at Poisson-spaced times (RATE / clients per second); a
                    // request's latency counts from when it was due, so a slow answer is not hidden by the
                    // client sending its next request late (coordinated omission)
                    double meanGapNanos = RATE > 0 ? 1e9 * clientCount / RATE : 0;
                    long due = start + (long) (meanGapNanos * ThreadLocalRandom.current().nextDouble());
                    try (KeepAliveClient client = new KeepAliveClient(load.port(), load.token())) {
                        while (System.nanoTime() < end) {
                            String document = load.documents().get(
                                    ThreadLocalRandom.current().nextInt(load.documents().size()));
                            long t0 = System.nanoTime();
                            if (RATE > 0) {
                                if (due > t0) {
                                    LockSupport.parkNanos(due - t0);
                                }
                                t0 = due;
                                due += (long) (-meanGapNanos * Math.log(1 - ThreadLocalRandom.current().nextDouble()));
                            }
                            int status = call.send(client, document);
                            long t = System.nanoTime() - t0;
                            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, n * 2);
                            }
                            latencies[n++] = t;
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            for (Future<long[]> f : clients) {
                perClient.add(f.get());
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Result(all, took, counts);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
