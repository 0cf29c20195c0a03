package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Health, metrics and API docs: what operators and client developers rely on. */
class OperationsIntegrationTest extends ApiIntegrationTest {

    @Test
    void readinessIncludesKafkaAndPostgres() {
        // Health is probed in the background: a context started a moment ago reports its outcome consumer's
        // assignment at the next probe, so readiness becomes UP shortly after start, not necessarily at once.
        await("readiness UP").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.anonymous().get("/actuator/health/readiness").status() == 200);
        HttpApi.Response r = api.anonymous().get("/actuator/health/readiness");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("UP");
        assertThat(r.json().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(r.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusHasLatencyPerEndpoint() {
        UUID documentId = upload();
        api.get(docPath(documentId));
        api.post(docPath(documentId) + "/confirm-scan", null);
        HttpApi.Response r = api.anonymous().get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .contains("http_server_requests_seconds_bucket")
                .contains("uri=\"/api/v1/children/{childId}/documents/{documentId}\"")
                .contains("uri=\"/api/v1/children/{childId}/documents/{documentId}/confirm-scan\"")
                .contains("docpipe_api_outcome_wait_seconds")
                .contains("docpipe_projector_events_total");
    }

    @Test
    void openApiDocumentsEveryEndpointAndTheIdempotencyRetention() {
        HttpApi.Response r = api.anonymous().get("/v3/api-docs");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var paths = r.json().path("paths");
        assertThat(paths.has("/api/v1/children/{childId}/documents")).isTrue();
        assertThat(paths.has("/api/v1/children/{childId}/documents/{documentId}")).isTrue();
        assertThat(paths.has("/api/v1/children/{childId}/documents/{documentId}/text")).isTrue();
        assertThat(paths.has("/api/v1/children/{childId}/documents/{documentId}/confirm-scan")).isTrue();
        assertThat(paths.has("/api/v1/children/{childId}/documents/{documentId}/rescan")).isTrue();
        assertThat(paths.has("/api/v1/children/{childId}/documents/{documentId}/review")).isTrue();
        assertThat(paths.has("/api/v1/children/{childId}/documents/{documentId}/validate")).isTrue();
        assertThat(paths.has("/api/v1/commands/{commandId}")).isTrue();
        assertThat(r.body()).contains("at least 24 hours").contains("Idempotency-Key");
        assertThat(api.anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    /** Issue 14: the retry-ocr endpoint, the 428s and the fields no command may be sent without. */
    @Test
    void openApiDocumentsRetryOcrThe428sAndTheRequiredPreconditions() {
        var doc = api.anonymous().get("/v3/api-docs").json();
        String documents = "/api/v1/children/{childId}/documents/{documentId}";
        var retry = doc.path("paths").path(documents + "/retry-ocr").path("post");
        assertThat(retry.path("responses").has("202")).isTrue();
        assertThat(retry.path("responses").has("200")).isTrue();
        assertThat(retry.path("responses").path("409").path("description").asString()).contains("NOT_FAILED");
        for (String command : List.of("/rescan", "/retry-ocr", "/validate")) {
            var post = doc.path("paths").path(documents + command).path("post");
            assertThat(post.path("responses").path("428").path("description").asString()).as(command)
                    .contains("PRECONDITION_REQUIRED");
            assertThat(post.path("requestBody").path("required").asBoolean()).as(command).isTrue();
        }
        assertThat(doc.path("paths").path(documents + "/review").path("patch").path("responses").has("428")).isTrue();
        var schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("RescanRequest").path("required").toString()).contains("supersedesAttempt");
        assertThat(schemas.path("RetryOcrRequest").path("required").toString()).contains("failedAttempt");
        assertThat(schemas.path("ValidateRequest").path("required").toString()).contains("expectedReviewVersion");
        assertThat(schemas.path("ReviewRequest").path("required").toString()).contains("expectedReviewVersion");
    }

    @Test
    void conditionalGetAnswers304() {
        UUID documentId = upload();
        HttpApi.Response first = api.get(docPath(documentId));
        String etag = first.header("ETag").orElseThrow();
        assertThat(api.get(docPath(documentId), "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(api.get(docPath(documentId), "If-None-Match", "\"0\"").status()).isEqualTo(200);
    }

    @Test
    void listsArePagedNewestFirst() {
        UUID first = upload();
        UUID second = upload();
        UUID third = upload();
        String docs = "/api/v1/children/" + childId + "/documents";
        HttpApi.Response page0 = api.get(docs + "?size=2");
        assertThat(page0.status()).isEqualTo(200);
        assertThat(page0.json().path("items").size()).isEqualTo(2);
        assertThat(page0.json().path("hasNext").asBoolean()).isTrue();
        HttpApi.Response page1 = api.get(docs + "?size=2&page=1");
        assertThat(page1.json().path("items").size()).isEqualTo(1);
        assertThat(page1.json().path("hasNext").asBoolean()).isFalse();
        assertThat(page0.json().path("items").get(0).path("documentId").asString()).isEqualTo(third.toString());
        assertThat(page1.json().path("items").get(0).path("documentId").asString()).isEqualTo(first.toString());
        assertThat(second).isNotNull();
    }
}
