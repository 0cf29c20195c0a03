package dev.docpipe.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.api.auth.Accounts;
import dev.docpipe.api.waiting.listener.WaitListener;
import dev.docpipe.blob.BlobStore;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.LoopbackPorts;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one Spring context (the real API on a random port, dev profile)
 * shared by every subclass ({@link WithOidcProvider} ones share another), against the real broker, PostgreSQL and pipeline of {@link TestStack}.
 * Its spans go to {@link TestSpans} (kept only while a test records them).
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@AutoConfigureTracing
@Import(TestSpans.Config.class)
public abstract class ApiIntegrationTest {
    protected static Workers workers;

    @LocalServerPort
    protected int port;

    /** The wait listener of this context (docs/decisions/0014-wait-listener.md). */
    @Autowired
    protected WaitListener waitListener;

    @Autowired
    protected Accounts accounts;

    /** The dev profile's token signer; absent in a {@link WithOidcProvider} context. */
    @Autowired
    private ObjectProvider<JwtEncoder> devEncoder;

    /** Tokens of the kind this context accepts ({@link #tokenKind()}). */
    protected TestTokens tokens;

    @Autowired
    protected BlobStore blobs;

    @Autowired
    protected JdbcClient jdbc;

    /** The caller of most tests: a fresh account with one child per test class. */
    protected HttpApi api;
    protected UUID accountId;
    protected UUID childId;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack stack = TestStack.get();
        registry.add("spring.kafka.bootstrap-servers", () -> stack.bootstrapServers);
        registry.add("spring.datasource.url", () -> stack.jdbcUrl);
        registry.add("spring.datasource.username", () -> stack.dbUser);
        registry.add("spring.datasource.password", () -> stack.dbPassword);
        registry.add("docpipe.blob.dir", () -> stack.blobDir.toString());
        registry.add("DOCPIPE_KEK", () -> stack.kek);
        // generous: a 2-core CI machine runs broker, pipeline, database and API at once
        registry.add("docpipe.api.outcome-wait", () -> "15s");
        // so that a test sees a change stream's heartbeat without waiting long
        registry.add("docpipe.api.waiting.heartbeat", () -> "1s");
        // the wait listener on a port of this context's own, so every waiting test can run against both ports
        int waitListenerPort = LoopbackPorts.anyFree();
        registry.add("docpipe.api.wait-listener.port", () -> waitListenerPort);
    }

    @BeforeAll
    static void workers() {
        TestStack stack = TestStack.get();
        if (workers == null) {
            try {
                workers = new Workers(stack.bootstrapServers, new dev.docpipe.blob.LocalDirectoryBlobStore(stack.blobDir));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Dev HS256 tokens, or in a {@link WithOidcProvider} context the provider's RS256 ones. */
    protected TestTokens tokenKind() {
        JwtEncoder dev = devEncoder.getIfAvailable();
        if (dev != null) {
            return new DevTestTokens(dev);
        }
        TestIdentityProvider provider = TestIdentityProvider.shared();
        return new OidcTestTokens(provider, provider.rsaKey());
    }

    @BeforeEach
    void caller() {
        if (tokens == null) {
            tokens = tokenKind();
        }
        if (api == null) {
            Family family = newFamily();
            api = family.api;
            accountId = family.accountId;
            childId = family.childId;
        }
    }

    public record Family(HttpApi api, UUID accountId, UUID childId, String token) {}

    protected Family newFamily() {
        UUID account = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        accounts.createAccountWithChild(account, child, "child");
        String token = tokens.issue(account);
        return new Family(new HttpApi("http://127.0.0.1:" + port, token), account, child, token);
    }

    protected static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();

    protected static byte[] pdf() {
        // distinct bytes per upload, so blobs do not collide between tests
        return ("%PDF-1.7\n% " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
    }

    /** Where a waiting read goes: the main port, or the wait listener. */
    public enum WaitPort {
        MAIN, LISTENER
    }

    /** {@code client} with its requests sent to {@code target}. */
    protected HttpApi waitingOn(WaitPort target, HttpApi client) {
        return target == WaitPort.MAIN ? client : client.at("http://127.0.0.1:" + waitListener.port());
    }

        protected String docPath(UUID documentId) {
        return "/api/v1/children/" + childId + "/documents/" + documentId;
    }

    /** Uploads a PDF and returns its document id once the read model shows it. */
    protected UUID upload() {
        HttpApi.Response r = api.uploadFile(childId, "scan.pdf", pdf());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return UUID.fromString(r.json().path("documentId").asString());
    }

    /** Uploads, lets the scan job succeed, and waits until the document is SCANNED. */
    protected UUID scannedDocument() {
        UUID documentId = upload();
        Job scan = workers.awaitJob(Topics.SCAN_JOBS, documentId, 1);
        workers.scanSucceeded(scan);
        awaitState(documentId, "SCANNED");
        return documentId;
    }

    /** Scanned, confirmed, OCR succeeded: the document is EXTRACTED with {@code text}. */
    protected UUID extractedDocument(String text) {
        UUID documentId = scannedDocument();
        assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);
        Job ocr = workers.awaitJob(Topics.OCR_JOBS, documentId, 1);
        workers.ocrSucceeded(ocr, text);
        awaitState(documentId, "EXTRACTED");
        return documentId;
    }

    /** Scanned, confirmed, OCR failed: the document is OCR_FAILED at OCR attempt 1. */
    protected UUID ocrFailedDocument() {
        UUID documentId = scannedDocument();
        assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);
        workers.ocrFailed(workers.awaitJob(Topics.OCR_JOBS, documentId, 1));
        awaitState(documentId, "OCR_FAILED");
        return documentId;
    }

    /**
     * What an instance that died between sending a key's command and storing its response leaves
     * behind: a claim with its command and no response. The next request with the key takes it over.
     */
    protected void abandonAfterSend(String idempotencyKey) {
        int rows = jdbc.sql("""
                        UPDATE idempotency_keys SET response_status = NULL, response_headers = NULL, response_body = NULL,
                               abandoned = true
                         WHERE account_id = :account AND idempotency_key = :key AND command IS NOT NULL""")
                .param("account", accountId)
                .param("key", idempotencyKey)
                .update();
        assertThat(rows).as("a claim that sent its command, for " + idempotencyKey).isEqualTo(1);
    }

    protected void awaitState(UUID documentId, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            HttpApi.Response r = api.get(docPath(documentId));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("state").asString()).isEqualTo(state);
        });
    }

    /** End offsets of a topic, per partition: compare before and after to prove nothing was produced. */
    protected static Map<Integer, Long> endOffsets(String topic) {
        try (AdminClient admin = KafkaBroker.shared().admin()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(),
                    e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void keepWorkers() {
        // shared across classes with the Spring context; closed with the JVM
    }
}
