package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.ApiProcess;
import dev.docpipe.bench.infra.Kafka;
import dev.docpipe.bench.infra.Tail;
import dev.docpipe.model.Ids;
import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.JobIds;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/**
 * docpipe as the mobile app sees it: {@code POST /api/v1/children/{child}/documents/{id}/confirm-scan} with
 * the request id as {@code Idempotency-Key}, against api-service's executable jar in its own JVM (as
 * deployed, with its JWT auth, idempotency table, read-model ownership check and outcome wait), and the
 * real pipeline in this JVM. The answer is the API's own status: 202 queued, 200 already confirmed; a
 * 202 that points at {@code /api/v1/commands/} means no decision within the API's outcome wait and is
 * counted as a timeout.
 *
 * <p>Documents are registered and scanned through Kafka (as upload and the scan worker would), owned by a
 * dev account, and confirmed once they are {@code SCANNED} in the API's read model. Before the measured
 * run the API is warmed up with {@code --http-warmup-requests} confirm + GET pairs on 100
 * documents of its own, whose OCR jobs the harness does not count.
 */
public final class HttpApiApproach implements Approach {
    private static final ScanReport REPORT = new ScanReport("application/pdf", 1, null, null, null, "en", true, List.of());
    private static final int WARMUP_DOCUMENTS = 100;
    private static final int WARMUP_CLIENTS = 32;

    private final String bootstrap;
    private final Duration commitInterval;
    private final Map<String, String> streamsOverrides;
    private final String applicationId = "bench-http-" + Long.toString(System.nanoTime(), 36);
    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
    private final Duration replyTimeout;
    private final int warmupRequests;
    private DocpipePipeline pipeline;
    private ApiProcess api;
    private String base;
    private String token;
    private UUID childId;

    public HttpApiApproach(String bootstrap, Duration commitInterval, Map<String, String> streamsOverrides,
            Duration replyTimeout, int warmupRequests) {
        this.bootstrap = bootstrap;
        this.commitInterval = commitInterval;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.replyTimeout = replyTimeout;
        this.warmupRequests = warmupRequests;
        Kafka.ensureDocpipeTopics(bootstrap);
        this.producer = Kafka.producer(bootstrap, "bench-http-setup");
    }

    @Override
    public String name() {
        return "docpipe over HTTP (api-service JVM, " + new DocpipeVariant(commitInterval,
                streamsOverrides).label() + ")";
    }

    @Override
    public String jobTopic() {
        return Topics.OCR_JOBS;
    }

    @Override
    public void prepare(List<UUID> workload) throws Exception {
        // The API runs in a fresh JVM per run: warm its confirm path (JIT, pools) on documents of its own
        // first, so that the measured run is not its start-up.
        List<UUID> warmup = IntStream.range(0, WARMUP_DOCUMENTS)
                .mapToObj(i -> Ids.derive(UUID.nameUUIDFromBytes(applicationId.getBytes()), "warmup-" + i)).toList();
        List<UUID> documents = new ArrayList<>(workload.stream().map(this::idOnJobTopic).toList());
        documents.addAll(warmup);
        Kafka.startGroupAtEnd(bootstrap, applicationId, Topics.COMMANDS, Topics.JOB_RESULTS);
        pipeline = DocpipePipeline.start(new PipelineConfig(bootstrap, applicationId,
                Files.createTempDirectory("docpipe-bench-http-streams-"), Kafka.PARTITIONS, (short) 1, commitInterval,
                1, StreamsConfig.EXACTLY_ONCE_V2, TopologySettings.DEFAULT, streamsOverrides));
        api = ApiProcess.start(bootstrap, List.of("-Xmx512m", "-XX:+UseSerialGC"));
        base = api.base();
        ApiProcess.Account account = api.createDevAccount();
        token = account.token();
        childId = account.childId();
        String owner = account.accountId();

        Set<UUID> wanted = new HashSet<>(documents);
        Set<UUID> registered = ConcurrentHashMap.newKeySet();
        Set<UUID> scanned = ConcurrentHashMap.newKeySet();
        try (Tail events = Tail.fromEnd(bootstrap, Topics.EVENTS, r -> {
            UUID doc = Tail.documentId(r);
            if (doc != null && wanted.contains(doc)) {
                switch (ModelJson.EVENTS.decode(r.value()).type()) {
                    case "ScanRequested" -> registered.add(doc);
                    case "DocumentScanned" -> scanned.add(doc);
                    default -> { }
                }
            }
        })) {
            for (UUID doc : documents) {
                Command register = new Command(Ids.derive(doc, "register"), doc, Instant.now(), owner,
                        new RegisterDocument(childId, OutboxApproach.FILE));
                producer.send(new ProducerRecord<>(Topics.COMMANDS, doc.toString(), ModelJson.COMMANDS.encode(register)));
            }
            producer.flush();
            await(() -> registered.size() == documents.size(), "documents registered: " + registered.size());
            for (UUID doc : documents) {
                // The pipeline derives the scan job's id from the registering command (as DocpipeApproach relies on).
                ScanSucceeded result = new ScanSucceeded(JobIds.forCommand(Ids.derive(doc, "register"), JobKind.SCAN, 1), doc,
                        Instant.now(), REPORT);
                producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, doc.toString(), ModelJson.RESULTS.encode(result)));
            }
            producer.flush();
            await(() -> scanned.size() == documents.size(), "documents scanned: " + scanned.size());
        }
        // Then in the API's read model, which its ownership check and the clients rely on.
        List<UUID> pending = new ArrayList<>(documents);
        AtomicReference<String> last = new AtomicReference<>("");
        await(() -> {
            pending.removeIf(doc -> {
                HttpResponse<String> r = sendQuietly(authorized(documentUrl(doc)).GET());
                boolean shown = r != null && r.statusCode() == 200 && r.body().contains("\"SCANNED\"");
                if (!shown) {
                    last.set(r == null ? "no answer" : r.statusCode() + " " + r.body());
                }
                return shown;
            });
            return pending.isEmpty();
        }, () -> pending.size() + " documents not SCANNED in the read model; last answer: " + last.get());
        warmUp(warmup);
    }

    private void warmUp(List<UUID> warmup) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < WARMUP_CLIENTS; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < warmupRequests) {
                    UUID doc = warmup.get(i % warmup.size());
                    sendQuietly(authorized(documentUrl(doc) + "/confirm-scan")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    sendQuietly(authorized(documentUrl(doc)).GET());
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
    }

    /**
     * Every run's documents are new to the read model: the workload's ids repeat between runs (same seed), and
     * this read model also projects the events of the other approaches' runs on the same broker.
     */
    @Override
    public UUID idOnJobTopic(UUID workloadDocument) {
        return Ids.derive(workloadDocument, applicationId);
    }

    @Override
    public Status confirm(Workload.Request request) throws Exception {
        HttpResponse<String> r = send(authorized(documentUrl(idOnJobTopic(request.documentId())) + "/confirm-scan")
                .header("Idempotency-Key", request.requestId().toString())
                .timeout(replyTimeout)
                .POST(HttpRequest.BodyPublishers.noBody()));
        return switch (r.statusCode()) {
            case 202 -> r.headers().firstValue("Location").orElse("").startsWith("/api/v1/commands/")
                    ? Status.TIMEOUT
                    : Status.QUEUED_202;
            case 200 -> Status.ALREADY_200;
            case 409 -> Status.REFUSED_409;
            default -> Status.ERROR_5XX;
        };
    }

    @Override
    public String injectCrash() {
        throw new UnsupportedOperationException("the HTTP row has no crash variant; see the docpipe child-JVM row");
    }

    @Override
    public void drain(Duration timeout) {
        // A 202 is answered after the outcome, which commits in the job's transaction.
    }

    @Override
    public Set<Long> externalPids() {
        return api != null && api.isAlive() ? Set.of(api.pid()) : Set.of();
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        producer.close(Duration.ofSeconds(10));
        http.close();
    }

    private String documentUrl(UUID documentId) {
        return base + "/api/v1/children/" + childId + "/documents/" + documentId;
    }

    private HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendQuietly(HttpRequest.Builder request) {
        try {
            return send(request.timeout(Duration.ofSeconds(5)));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        await(done, () -> what);
    }

    private static void await(BooleanSupplier done, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what.get());
            }
            Thread.sleep(100);
        }
    }
}
