package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.api.auth.Accounts;
import dev.docpipe.api.auth.TokenIssuer;
import dev.docpipe.api.support.FrozenProcesses;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.localinfra.StandaloneKafka;
import dev.docpipe.localinfra.StandalonePostgres;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 17, fail fast: with PostgreSQL or the broker frozen (SIGSTOP: connections hang rather than being
 * refused), requests answer 503 with Retry-After within 2 s, a command is never a 202 when it was not
 * written, /actuator/health answers within 1 s, readiness is DOWN within 5 s, and everything recovers
 * once the dependency runs again, without a restart. A database and a broker (in its own JVM) of this
 * class only, so the shared ones of the other tests are never frozen.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyOutageIntegrationTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(1);
    private static final Duration READINESS_DOWN_WITHIN = Duration.ofSeconds(5);
    /** Its own database: a key-encryption key of its own. */
    private static final String KEK = KeyEncryptionKey.generateEncoded();
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    private static Dependencies dependencies;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    TokenIssuer tokens;

    private HttpApi api;
    private UUID childId;

    /** This class's own database, broker and pipeline. */
    private record Dependencies(Path dir, StandalonePostgres postgres, Path pgData, JavaProcess broker,
            String bootstrapServers, DocpipePipeline pipeline) {
        static Dependencies start() {
            try {
                Path dir = Files.createTempDirectory("docpipe-outage-it");
                Path pgData = dir.resolve("pg");
                StandalonePostgres postgres = StandalonePostgres.start(pgData, 0);
                postgres.ensureDatabase("docpipe_outage", "docpipe", "docpipe");
                int kafkaPort = LoopbackPorts.anyFree();
                JavaProcess broker = JavaProcess.of(StandaloneKafka.class).jvmArgs("-Xmx384m", "-XX:+UseSerialGC")
                        .args(Files.createDirectories(dir.resolve("kafka")).toString(), Integer.toString(kafkaPort)).start();
                broker.awaitLogLine(StandaloneKafka.READY, Duration.ofSeconds(120));
                String bootstrap = "127.0.0.1:" + kafkaPort;
                DocpipePipeline pipeline = DocpipePipeline.start(PipelineConfig.forTests(bootstrap,
                        "docpipe-pipeline-outage-it", Files.createDirectories(dir.resolve("streams"))));
                return new Dependencies(dir, postgres, pgData, broker, bootstrap, pipeline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The postmaster: the first line of postmaster.pid in its data directory. */
        ProcessHandle postmaster() {
            try {
                long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip());
                return ProcessHandle.of(pid).orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        ProcessHandle brokerProcess() {
            return ProcessHandle.of(broker.pid()).orElseThrow();
        }
    }

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        if (dependencies == null) {
            dependencies = Dependencies.start();
        }
        registry.add("spring.kafka.bootstrap-servers", dependencies::bootstrapServers);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + dependencies.postgres().port()
                + "/docpipe_outage");
        registry.add("spring.datasource.username", () -> "docpipe");
        registry.add("spring.datasource.password", () -> "docpipe");
        registry.add("docpipe.blob.dir", () -> dependencies.dir().resolve("blobs").toString());
        registry.add("DOCPIPE_KEK", () -> KEK);
        // a loaded CI machine runs the pipeline here too; a command mostly has its outcome well within this
        registry.add("docpipe.api.outcome-wait", () -> "10s");
    }

    @AfterAll
    static void stopDependencies() {
        // The Spring context (closed after this class) only reconnects in vain from now on.
        if (dependencies != null) {
            dependencies.pipeline().close();
            dependencies.broker().close();
            dependencies.postgres().close();
            dependencies = null;
        }
    }

    @BeforeEach
    void caller() {
        if (api == null) {
            UUID account = UUID.randomUUID();
            childId = UUID.randomUUID();
            accounts.createAccountWithChild(account, childId, "child");
            api = new HttpApi("http://127.0.0.1:" + port, tokens.issue(account));
        }
        awaitReadiness(200, RECOVERY);
    }

    @Test
    @Order(1)
    void aFrozenDatabaseIsA503WithinTwoSecondsAndTheServiceRecoversWhenItRuns() {
        UUID documentId = uploadedDocument();

        try (FrozenProcesses frozen = FrozenProcesses.freeze(dependencies.postmaster())) {
            long frozenAt = System.nanoTime();
            assertHealthAnswersAtOnce();
            awaitReadinessDown(frozenAt, "db");
            for (int round = 0; round < 2; round++) {
                assertUnavailable("DATABASE_UNAVAILABLE", () -> api.get(docPath(documentId)));
                // an Idempotency-Key is claimed in the database before anything is sent
                assertUnavailable("DATABASE_UNAVAILABLE", () -> api.post(docPath(documentId) + "/confirm-scan", null,
                        "Idempotency-Key", UUID.randomUUID().toString()));
                assertUnavailable("DATABASE_UNAVAILABLE", () -> api.uploadFile(childId, "scan.pdf", pdf()));
                // Without a key a command may not need the database (ownership is cached, the pipeline
                // decides): then it gets its real answer, and within the same time.
                assertAnsweredInTime(() -> api.post(docPath(documentId) + "/confirm-scan", null), 409, 503);
            }
            assertHealthAnswersAtOnce();
        }

        awaitReadiness(200, RECOVERY);
        await().atMost(RECOVERY).untilAsserted(() ->
                assertThat(api.get(docPath(documentId)).status()).isEqualTo(200));
        assertThat(uploadedDocument()).isNotEqualTo(documentId);
    }

    @Test
    @Order(2)
    void anUnreachableBrokerMakesCommandsA503NeverA202AndTheirKeysStayRetryable() {
        UUID documentId = uploadedDocument();
        String key = "outage-" + UUID.randomUUID();
        byte[] file = pdf();

        try (FrozenProcesses frozen = FrozenProcesses.freeze(dependencies.brokerProcess())) {
            long frozenAt = System.nanoTime();
            assertHealthAnswersAtOnce();
            awaitReadinessDown(frozenAt, "kafka");
            assertUnavailable("KAFKA_UNAVAILABLE", () -> api.uploadFile(childId, "scan.pdf", file,
                    "Idempotency-Key", key));
            assertUnavailable("KAFKA_UNAVAILABLE", () -> api.uploadFile(childId, "scan.pdf", pdf()));
            assertUnavailable("KAFKA_UNAVAILABLE", () -> api.post(docPath(documentId) + "/confirm-scan", null));
            // the read model does not need the broker
            assertThat(api.get(docPath(documentId)).status()).isEqualTo(200);
            assertHealthAnswersAtOnce();
            // the key's first request failed: a retry during the outage fails the same way, not 409 busy
            assertUnavailable("KAFKA_UNAVAILABLE", () -> api.uploadFile(childId, "scan.pdf", file,
                    "Idempotency-Key", key));
        }

        awaitReadiness(200, RECOVERY);
        // the same key now runs its command: one document, visible once the pipeline has it
        HttpApi.Response retried = api.uploadFile(childId, "scan.pdf", file, "Idempotency-Key", key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        UUID uploaded = UUID.fromString(retried.json().path("documentId").asString());
        await().atMost(RECOVERY).untilAsserted(() ->
                assertThat(api.get(docPath(uploaded)).status()).isEqualTo(200));
        HttpApi.Response replayed = api.uploadFile(childId, "scan.pdf", file, "Idempotency-Key", key);
        assertThat(replayed.json().path("documentId").asString()).isEqualTo(uploaded.toString());
    }

    private void assertUnavailable(String code, Supplier<HttpApi.Response> request) {
        long started = System.nanoTime();
        HttpApi.Response r = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.header("Retry-After")).hasValue("2");
        assertThat(took).as("answered after %s", took).isLessThan(ANSWER_WITHIN);
    }

    private void assertAnsweredInTime(Supplier<HttpApi.Response> request, Integer... statuses) {
        long started = System.nanoTime();
        HttpApi.Response r = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.status()).as(r.toString()).isIn((Object[]) statuses);
        assertThat(took).as("answered after %s", took).isLessThan(ANSWER_WITHIN);
    }

    private void assertHealthAnswersAtOnce() {
        long started = System.nanoTime();
        HttpApi.Response health = api.anonymous().get("/actuator/health");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(health.status()).as(health.toString()).isIn(200, 503);
        assertThat(took).as("health answered after %s", took).isLessThan(HEALTH_WITHIN);
    }

    private void awaitReadinessDown(long frozenAt, String component) {
        Duration left = READINESS_DOWN_WITHIN.minusNanos(System.nanoTime() - frozenAt);
        await().atMost(left).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            HttpApi.Response readiness = api.anonymous().get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
            assertThat(readiness.json().path("components").path(component).path("status").asString())
                    .isEqualTo("DOWN");
        });
    }

    private void awaitReadiness(int status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpApi.Response readiness = api.anonymous().get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(status);
        });
    }

    private UUID uploadedDocument() {
        HttpApi.Response r = api.uploadFile(childId, "scan.pdf", pdf());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        UUID documentId = UUID.fromString(r.json().path("documentId").asString());
        await().atMost(RECOVERY).untilAsserted(() ->
                assertThat(api.get(docPath(documentId)).status()).isEqualTo(200));
        return documentId;
    }

    private String docPath(UUID documentId) {
        return "/api/v1/children/" + childId + "/documents/" + documentId;
    }

    private static byte[] pdf() {
        return ("%PDF-1.7\n% " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
    }
}
