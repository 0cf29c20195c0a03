package dev.docpipe.devstack;

import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.localinfra.EmbeddedS3;
import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.StandaloneKafka;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.pipeline.TopicProvisioner;
import dev.docpipe.testsupport.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 17's multi-host promise on real processes: two api-service, two pipeline-streams and two
 * workers JVMs, each started from its jar in a working directory of its own, sharing nothing but one
 * broker, one PostgreSQL and one S3 bucket (S3Proxy). Documents are uploaded and confirmed through
 * API A and read through API B; between two halves of the confirms, the pipeline instance that owns
 * a document of the second half is killed with SIGKILL. Then, as read_committed consumers see it: every document EXTRACTED with its text
 * readable through B, exactly one OCR job per document, and no event twice.
 *
 * <p>"One OCR job per document": the one ConfirmScan intent per document yields exactly one
 * {@code OcrRequested} (issue 1, attempt 1) on docpipe.events and exactly that job, and no other, on
 * docpipe.jobs.ocr. A lease expiry would re-issue with attempt+1; the OCR lease (10 min) cannot
 * expire here, so any second job would be a duplicate from the failover.
 *
 * <p>The uploads are plain text, which the workers extract without Tesseract: the test runs the
 * same on machines without it.
 */
class MultiHostTest {
    private static final int DOCUMENTS = 10;
    /** Few partitions: fewer tasks to start and move on a loaded machine, still several per instance. */
    private static final int PARTITIONS = 4;
    private static final String BUCKET = "docpipe-multi-host";
    /** Every API instance of one deployment seals under the same key-encryption key. */
    private static final String KEK = KeyEncryptionKey.generateEncoded();
    /** Six Spring Boot JVMs starting at once on two shared cores. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /** Covers the killed member's session timeout, its open transactions' abort, and the restore. */
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);
    /**
     * The killed instance sends no LeaveGroup (static membership): its partitions move when its
     * session times out, here the broker's minimum instead of the 45 s default.
     */
    private static final String FAST_FAILOVER = "{\"docpipe\":{\"pipeline\":{\"streams\":{"
            + "\"session.timeout.ms\":\"6000\",\"heartbeat.interval.ms\":\"2000\"}}}}";
    private static final Logger log = LoggerFactory.getLogger(MultiHostTest.class);

    @TempDir
    Path root;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();

    @Test
    void twoOfEachServiceOnSharedKafkaPostgresAndS3LoseAndDuplicateNothingWhenAPipelineIsKilled() throws Exception {
        List<Path> jars = new ServiceJars(RepoFiles.root()).require(List.of(Service.API, Service.WORKERS, Service.PIPELINE));
        LocalPostgres pg = keep(LocalPostgres.start(Files.createDirectories(root.resolve("postgres")), LoopbackPorts.anyFree()));
        StandaloneKafka kafka = keep(StandaloneKafka.start(Files.createDirectories(root.resolve("kafka")), LoopbackPorts.anyFree()));
        EmbeddedS3 s3 = keep(EmbeddedS3.start(Files.createDirectories(root.resolve("s3"))));
        Infra infra = new Infra(kafka.bootstrapServers(), pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
        BlobLocation bucket = BlobLocation.s3(s3.endpoint(), BUCKET, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        // Before any service: the workers do not recover from starting before their topics exist.
        TopicProvisioner.ensureTopics(infra.bootstrapServers(), PARTITIONS, (short) 1);

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String pipeline : List.of("pipeline-a", "pipeline-b")) {
            int port = LoopbackPorts.anyFree();
            ports.put(pipeline, port);
            Map<String, String> env = ServiceEnvironment.pipeline(infra, host(pipeline).resolve("streams"), pipeline, port);
            env.put("DOCPIPE_PARTITIONS", Integer.toString(PARTITIONS));
            env.put("SPRING_APPLICATION_JSON", FAST_FAILOVER);
            launch(pipeline, jars.get(2), env);
        }
        for (String api : List.of("api-a", "api-b")) {
            int port = LoopbackPorts.anyFree();
            ports.put(api, port);
            launch(api, jars.get(0), ServiceEnvironment.api(infra, bucket, port, KEK));
        }
        for (String worker : List.of("workers-a", "workers-b")) {
            int port = LoopbackPorts.anyFree();
            ports.put(worker, port);
            launch(worker, jars.get(1), ServiceEnvironment.workers(infra, bucket, port, worker));
        }
        for (ServiceProcess service : services) {
            // the pipeline's health is its Kafka Streams state; the workers' liveness, as the dev stack
            // waits for them (readiness also wants Tesseract, which text files do not need)
            String probe = service.name().startsWith("workers") ? "/actuator/health/liveness"
                    : service.name().startsWith("api") ? "/actuator/health/readiness" : "/actuator/health";
            service.awaitHttpOk(URI.create("http://127.0.0.1:" + ports.get(service.name()) + probe), START_TIMEOUT);
        }

        log.info("six services ready");

        String apiA = "http://127.0.0.1:" + ports.get("api-a");
        String apiB = "http://127.0.0.1:" + ports.get("api-b");
        DevAccount account = DevAccount.create(apiA);
        ApiClient a = new ApiClient(apiA, account.token());
        ApiClient b = a.on(apiB);
        String documents = "/api/v1/children/" + account.childId() + "/documents";

        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 1; i <= DOCUMENTS; i++) {
            String text = "Multi-host document " + i + ", " + UUID.randomUUID();
            HttpResponse<String> upload = a.upload(documents, "note-" + i + ".txt", "text/plain",
                    text.getBytes(StandardCharsets.UTF_8));
            assertThat(upload.statusCode()).as("upload %d: %s", i, upload.body()).isEqualTo(202);
            texts.put(ApiClient.json(upload).path("documentId").asString(), text);
        }
        List<String> ids = List.copyOf(texts.keySet());
        ids.forEach(id -> awaitState(b, documents + "/" + id, "SCANNED", START_TIMEOUT));

        log.info("{} documents uploaded through API A and SCANNED", DOCUMENTS);
        List<String> firstHalf = ids.subList(0, DOCUMENTS / 2);
        List<String> secondHalf = ids.subList(DOCUMENTS / 2, DOCUMENTS);
        Map<String, UUID> confirms = new LinkedHashMap<>(confirmAll(a, documents, firstHalf));
        // The instance that owns a document confirmed only after the kill: the failover must serve it.
        String victim = pipelineOwning(infra, secondHalf.getFirst());
        ServiceProcess killed = services.stream().filter(s -> s.name().equals(victim)).findFirst().orElseThrow();
        // SIGKILL (destroyForcibly on Unix): no close, no commit, no LeaveGroup, open transactions left open.
        killed.process().destroyForcibly();
        killed.process().onExit().get();
        log.info("{} killed after {} confirms", victim, firstHalf.size());
        confirms.putAll(confirmAll(a, documents, secondHalf));

        for (String id : ids) {
            awaitState(b, documents + "/" + id, "EXTRACTED", PIPELINE_TIMEOUT);
            HttpResponse<String> text = b.get(documents + "/" + id + "/text");
            assertThat(text.statusCode()).as("text of %s through API B: %s", id, text.body()).isEqualTo(200);
            assertThat(text.body()).isEqualTo(texts.get(id));
        }

        log.info("all {} documents EXTRACTED, texts read through API B", DOCUMENTS);
        // Which worker ran which job is the consumer group's choice, so it is reported, not asserted.
        for (ServiceProcess service : services) {
            if (service.name().startsWith("workers")) {
                try (Stream<String> lines = Files.lines(service.logFile())) {
                    log.info("{} started {} jobs", service.name(), lines.filter(l -> l.contains(") started")).count());
                }
            }
        }
        TopicReader committed = TopicReader.readCommitted(infra.bootstrapServers());
        Set<String> ours = texts.keySet();
        Map<String, List<RecordedEvent>> events = committed.readAll(Topics.EVENTS).stream()
                .filter(r -> ours.contains(r.key()))
                .map(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .collect(groupingBy(e -> e.documentId().toString()));
        Map<String, List<Job>> ocrJobs = committed.readAll(Topics.OCR_JOBS).stream()
                .filter(r -> ours.contains(r.key()))
                .map(r -> ModelJson.JOBS.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .collect(groupingBy(j -> j.documentId().toString()));
        for (String id : ids) {
            List<RecordedEvent> requests = events.get(id).stream().filter(e -> e.event() instanceof OcrRequested).toList();
            assertThat(requests).as("OcrRequested events of %s", id).hasSize(1);
            assertThat(requests.getFirst().causationId()).as("caused by the confirm-scan of %s", id)
                    .isEqualTo(confirms.get(id));
            OcrRequested request = (OcrRequested) requests.getFirst().event();
            assertThat(request.issue()).isEqualTo(1);
            assertThat(request.job().attempt()).isEqualTo(1);
            assertThat(ocrJobs.get(id)).as("OCR jobs of %s", id).containsExactly(request.job());
            assertThat(events.get(id)).as("events of %s, each version once", id)
                    .extracting(RecordedEvent::version).doesNotHaveDuplicates();
        }

        // S3 was the only storage: the bucket holds the files, no host wrote a local blob directory
        try (Stream<Path> objects = Files.walk(s3.directory().resolve(BUCKET))) {
            assertThat(objects.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(DOCUMENTS);
        }
        for (ServiceProcess service : services) {
            assertThat(host(service.name()).resolve(".docpipe-data/blobs")).as(service.name()).doesNotExist();
        }
    }

    /**
     * All at once, as phones would; each is 202 ACCEPTED, or 202 PENDING if its outcome is slower than
     * the API waits. Returns each document's command id.
     */
    private static Map<String, UUID> confirmAll(ApiClient api, String documents, List<String> ids) {
        List<HttpResponse<String>> responses;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> confirms = ids.stream()
                    .map(id -> threads.submit(() -> api.post(documents + "/" + id + "/confirm-scan")))
                    .toList();
            responses = confirms.stream().map(MultiHostTest::join).toList();
        }
        Map<String, UUID> commandIds = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            assertThat(response.statusCode()).as("confirm-scan: %s", response.body()).isEqualTo(202);
            assertThat(ApiClient.json(response).path("status").asString()).isIn("ACCEPTED", "PENDING");
            commandIds.put(ids.get(i), UUID.fromString(ApiClient.json(response).path("commandId").asString()));
        }
        return commandIds;
    }

    /**
     * The pipeline instance whose stream thread has {@code documentId}'s partition of docpipe.commands
     * (the producers' murmur2 of the key), as the consumer group reports it: static members' instance
     * ids start with the service's name.
     */
    private static String pipelineOwning(Infra infra, String documentId) {
        TopicPartition partition = new TopicPartition(Topics.COMMANDS,
                Utils.toPositive(Utils.murmur2(documentId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS);
        AtomicReference<String> owner = new AtomicReference<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(DevStack.PIPELINE_APP_ID))
                        .all().get().get(DevStack.PIPELINE_APP_ID);
                group.members().stream()
                        .filter(m -> m.assignment().topicPartitions().contains(partition))
                        .flatMap(m -> m.groupInstanceId().stream())
                        .flatMap(id -> Stream.of("pipeline-a", "pipeline-b").filter(id::startsWith))
                        .findFirst().ifPresent(owner::set);
                return owner.get() != null;
            });
        }
        return owner.get();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitState(ApiClient api, String document, String state, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> view = api.get(document);
                    assertThat(view.statusCode()).as("GET %s: %s", document, view.body()).isEqualTo(200);
                    assertThat(ApiClient.json(view).path("state").asString()).as("state of %s", document)
                            .isEqualTo(state);
                });
    }

    /** The working directory of one "host"; its temp files stay there too (S3 uploads spool to it). */
    private Path host(String name) throws IOException {
        return Files.createDirectories(root.resolve("hosts").resolve(name));
    }

    private void launch(String name, Path jar, Map<String, String> env) throws IOException {
        Path dir = host(name);
        Map<String, String> hostEnv = new LinkedHashMap<>(env);
        hostEnv.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")));
        services.add(ServiceProcess.start(name, jar, hostEnv, dir, dir.resolve(name + ".log"), null));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }

    /**
     * Services first, with SIGKILL: everything is asserted by now, and a graceful stop of six JVMs
     * (workers wait out their shutdown grace) would only make the build slower. Then S3, Kafka, PostgreSQL.
     */
    @AfterEach
    void stopEverything() throws Exception {
        services.forEach(s -> s.process().destroyForcibly());
        for (ServiceProcess service : services) {
            service.process().onExit().get(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable resource : started.reversed()) {
            resource.close();
        }
    }
}
