package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.ApiApplication;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.SseStream;
import dev.docpipe.api.support.TestStack;
import dev.docpipe.api.waiting.listener.WaitListener;
import dev.docpipe.localinfra.LoopbackPorts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second API instance (its own Spring context and port) against the same broker and PostgreSQL: a change decided
 * through one instance ends a wait held on the other. The projector group is shared, so which instance projects the
 * change is up to Kafka; the notification reaches both through PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIntegrationTest extends ApiIntegrationTest {
    private static ConfigurableApplicationContext other;

    @BeforeAll
    static void secondInstance() {
        TestStack stack = TestStack.get();
        other = new SpringApplicationBuilder(ApiApplication.class)
                .profiles("dev")
                // arguments, not default properties: they must win over application.yml, as the first context's do
                .run("--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + stack.bootstrapServers,
                        "--spring.datasource.url=" + stack.jdbcUrl,
                        "--spring.datasource.username=" + stack.dbUser,
                        "--spring.datasource.password=" + stack.dbPassword,
                        "--docpipe.blob.dir=" + stack.blobDir,
                        "--DOCPIPE_KEK=" + stack.kek,
                        "--docpipe.api.outcome-wait=15s",
                        "--docpipe.api.wait-listener.port=" + LoopbackPorts.anyFree(),
                        "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (other != null) {
            other.close();
        }
    }

    /** The same caller as {@code api}, on the other instance (dev tokens are signed with the same key). */
    private HttpApi onOther() {
        int port = ((WebServerApplicationContext) other).getWebServer().getPort();
        return new HttpApi("http://127.0.0.1:" + port, tokens.issue(accountId));
    }

    @Test
    @Order(1)
    void aChangeDecidedThroughOneInstanceEndsTheWaitHeldOnTheOther() throws Exception {
        HttpApi second = onOther();
        UUID documentId = scannedDocument();
        String etag = second.get(docPath(documentId)).header("ETag").orElseThrow();
        MeterRegistry otherMetrics = other.getBean(MeterRegistry.class);
        double before = otherMetrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value();

        CompletableFuture<HttpApi.Timed> waiting = second.getAsync(docPath(documentId),
                "If-None-Match", etag, "Prefer", "wait=20");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                otherMetrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value() > before);
        try (SseStream stream = second.openStream("/api/v1/children/" + childId + "/documents/changes")) {
            assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);

            HttpApi.Response answer = waiting.get(30, TimeUnit.SECONDS).response();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("state").asString()).isIn("OCR_PENDING", "EXTRACTED");
            assertThat(answer.header("ETag")).isPresent().get().isNotEqualTo(etag);
            SseStream.Event change = stream.next(Duration.ofSeconds(30));
            assertThat(change).isNotNull();
            assertThat(change.json().path("documentId").asString()).isEqualTo(documentId.toString());
            assertThat(change.json().path("event").asString()).isEqualTo("ScanConfirmed");
        }
    }

    /** The same caller, on the other instance's wait listener. */
    private HttpApi onOthersListener() {
        return onOther().at("http://127.0.0.1:" + other.getBean(WaitListener.class).port());
    }

    /**
     * A deploy stops an instance: what it holds is answered at once, not after the graceful shutdown's wait; on its
     * wait listener too.
     */
    @Test
    @Order(2)
    void stoppingAnInstanceAnswersItsWaitersAndEndsItsStreamsAtOnce() throws Exception {
        HttpApi second = onOther();
        UUID documentId = upload();
        String etag = second.get(docPath(documentId)).header("ETag").orElseThrow();
        MeterRegistry otherMetrics = other.getBean(MeterRegistry.class);
        double before = otherMetrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value();
        CompletableFuture<HttpApi.Timed> waiting = second.getAsync(docPath(documentId),
                "If-None-Match", etag, "Prefer", "wait=30");
        assertThat(onOthersListener().get(docPath(documentId)).status()).as("the other's listener answers").isEqualTo(200);
        CompletableFuture<HttpApi.Timed> waitingOnListener = onOthersListener().getAsync(docPath(documentId),
                "If-None-Match", etag, "Prefer", "wait=30");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                otherMetrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value() > before + 1);
        String changes = "/api/v1/children/" + childId + "/documents/changes";
        try (SseStream stream = second.openStream(changes);
                SseStream onListener = onOthersListener().openStream(changes)) {
            assertThat(stream.nextComment(Duration.ofSeconds(10))).isNotNull();
            assertThat(onListener.nextComment(Duration.ofSeconds(10))).isNotNull();

            assertThat(waitingOnListener).isNotDone();
            long stopping = System.nanoTime();
            other.close();

            HttpApi.Response answer = waiting.get(20, TimeUnit.SECONDS).response();
            assertThat(answer.status()).isEqualTo(304);
            assertThat(waitingOnListener.get(20, TimeUnit.SECONDS).response().status()).isEqualTo(304);
            assertThat(stream.awaitEnd(Duration.ofSeconds(20))).as("the stream ended").isTrue();
            assertThat(onListener.awaitEnd(Duration.ofSeconds(20))).as("the listener's stream ended").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(25));
        }
    }
}
