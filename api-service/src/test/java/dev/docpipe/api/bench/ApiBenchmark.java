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
import dev.docpipe.testsupport.KafkaBroker;
import dev.docpipe.testsupport.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drives the real HTTP API on loopback with concurrent clients and prints requests/s and latency
 * percentiles for confirm-scan (the full path: command produced, decided by the pipeline, outcome
 * consumed, response) and GET document (read model). Everything runs in this one JVM on this
 * machine: broker, PostgreSQL, pipeline, API and clients.
 *
 * <pre>
 * ./mvnw -B -q -pl api-service -am -DskipTests -Pbench verify \
 *     -Dbench.clients=64 -Dbench.seconds=20 -Dbench.documents=200 -Dbench.commitIntervalMs=100
 * </pre>
 *
 * Bounded: each phase stops by itself after bench.seconds; traffic goes to 127.0.0.1 only.
 */
public final class ApiBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 5);
    private static final int DOCUMENTS = Integer.getInteger("bench.documents", 200);
    private static final int COMMIT_INTERVAL_MS = Integer.getInteger("bench.commitIntervalMs", 100);

    public static void main(String[] args) throws Exception {
        System.out.printf("docpipe API benchmark: %d clients, %d s per phase (+%d s warm-up), %d documents, "
                + "pipeline commit.interval.ms=%d, %d cores%n", CLIENTS, SECONDS, WARMUP_SECONDS, DOCUMENTS,
                COMMIT_INTERVAL_MS, Runtime.getRuntime().availableProcessors());
        KafkaBroker broker = KafkaBroker.shared();
        PostgresDatabase pg = PostgresDatabase.shared();
        String bootstrap = broker.bootstrapServers();
        String jdbcUrl = pg.createDatabase("api_bench_" + ProcessHandle.current().pid());
        Path blobs = Files.createTempDirectory("docpipe-bench-blobs");
        DocpipePipeline pipeline = DocpipePipeline.start(
                PipelineConfig.forTests(bootstrap, "docpipe-bench", Files.createTempDirectory("docpipe-bench-streams"))
                        .withStreamsOverrides(Map.of("commit.interval.ms", Integer.toString(COMMIT_INTERVAL_MS))));
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

            run("confirm-scan (POST, incl. outcome wait)", i -> api.post(documents.get(i) + "/confirm-scan", null),
                    documents.size(), 200);
            run("GET document", i -> api.get(documents.get(i)), documents.size(), 200);
        } catch (RuntimeException e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            app.close();
            pipeline.close();
        }
        System.exit(exit);
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

    private static void run(String name, Function<Integer, HttpApi.Response> call, int documents, int expected)
            throws Exception {
        phase(call, documents, WARMUP_SECONDS); // JIT, connection pools, caches
        Result r = phase(call, documents, SECONDS);
        long[] l = r.latenciesNanos;
        Arrays.sort(l);
        System.out.printf("%-42s %8d requests in %5.1f s = %8.0f req/s   p50 %6.1f ms   p90 %6.1f ms   "
                        + "p99 %6.1f ms   max %7.1f ms   statuses %s%n",
                name, l.length, r.seconds, l.length / r.seconds, ms(l, 0.50), ms(l, 0.90), ms(l, 0.99),
                l.length == 0 ? 0 : l[l.length - 1] / 1e6, r.statuses);
        if (r.statuses.keySet().stream().anyMatch(s -> s != expected)) {
            System.out.printf("  note: expected only %d%n", expected);
        }
    }

    private record Result(long[] latenciesNanos, double seconds, Map<Integer, Long> statuses) {}

    private static Result phase(Function<Integer, HttpApi.Response> call, int documents, int seconds)
            throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<long[]> perClient = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpApi.Response r = call.apply(ThreadLocalRandom.current().nextInt(documents));
                        long t = System.nanoTime() - t0;
                        statuses.computeIfAbsent(r.status(), s -> new AtomicLong()).incrementAndGet();
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t;
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
