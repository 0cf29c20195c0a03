package dev.docpipe.api.waiting.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.SseStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What only the wait listener needs proving (the waits themselves run on both ports in LongPollIntegrationTest and
 * ChangeStreamIntegrationTest): a confirm decided through the main port ends a wait held on the listener; the
 * listener answers byte-for-byte what the main port answers; it serves nothing but the waiting reads; a client that
 * leaves frees what it held.
 */
class WaitListenerIntegrationTest extends ApiIntegrationTest {
    @Autowired
    MeterRegistry metrics;

    private HttpApi listener() {
        return waitingOn(WaitPort.LISTENER, api);
    }

    @Test
    void aConfirmDecidedThroughTheMainPortEndsAWaitOnTheListener() throws Exception {
        UUID documentId = scannedDocument();
        String etag = api.get(docPath(documentId)).header("ETag").orElseThrow();
        double before = metrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value();
        CompletableFuture<HttpApi.Timed> waiting = listener().getAsync(docPath(documentId),
                "If-None-Match", etag, "Prefer", "wait=30");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                metrics.get("docpipe.api.waiting.subscribers").tag("on", "document").gauge().value() > before);

        HttpApi.Response confirmed = api.post(docPath(documentId) + "/confirm-scan", null);
        long decided = System.nanoTime();
        HttpApi.Timed answer = waiting.get(30, TimeUnit.SECONDS);

        assertThat(confirmed.status()).isEqualTo(202);
        assertThat(answer.response().status()).as(answer.response().toString()).isEqualTo(200);
        assertThat(answer.response().json().path("state").asString()).isEqualTo("OCR_PENDING");
        assertThat(answer.response().header("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(Duration.ofNanos(answer.arrivedNanos() - decided)).as("from the confirm's answer to the waiter's")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void answersWhatTheMainPortAnswers() {
        UUID documentId = upload();
        String etag = api.get(docPath(documentId)).header("ETag").orElseThrow();
        String unknownCommand = "/api/v1/commands/" + UUID.randomUUID();

        for (String[] request : new String[][] {
                {docPath(documentId)},
                {docPath(documentId), "If-None-Match", "\"0\"", "Prefer", "wait=5"},
                {docPath(UUID.randomUUID()), "Prefer", "wait=5"},
                {"/api/v1/children/" + childId + "/documents/not-a-uuid", "Prefer", "wait=5"},
                {unknownCommand, "Prefer", "wait=5"}}) {
            String path = request[0];
            String[] headers = java.util.Arrays.copyOfRange(request, 1, request.length);
            HttpApi.Response main = api.get(path, headers);
            HttpApi.Response onListener = listener().get(path, headers);

            assertThat(onListener.status()).as(path).isEqualTo(main.status());
            assertThat(onListener.contentType()).as(path).isEqualTo(main.contentType());
            assertThat(onListener.json()).as(path).isEqualTo(main.json());
            assertThat(onListener.header("ETag")).as(path).isEqualTo(main.header("ETag"));
        }
        assertThat(listener().get(docPath(documentId), "If-None-Match", etag).status()).isEqualTo(304);
    }

    @Test
    void servesOnlyTheWaitingReads() {
        HttpApi.Response list = listener().get("/api/v1/children/" + childId + "/documents");
        HttpApi.Response health = listener().anonymous().get("/actuator/health");
        HttpApi.Response post = listener().post("/api/v1/commands/" + UUID.randomUUID(), null);

        assertThat(list.status()).isEqualTo(404);
        assertThat(list.code()).isEqualTo("NOT_FOUND");
        assertThat(health.status()).isEqualTo(404);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aStreamWhoseClientLeavesIsClosed() {
        double before = metrics.get("docpipe.api.change.streams").gauge().value();
        SseStream stream = listener().openStream("/api/v1/children/" + childId + "/documents/changes");
        assertThat(stream.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metrics.get("docpipe.api.change.streams").gauge().value() > before);

        stream.close();

        // the next heartbeat (1 s in tests) finds the connection gone, if the event loop has not noticed already
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metrics.get("docpipe.api.change.streams").gauge().value() <= before);
    }
}
