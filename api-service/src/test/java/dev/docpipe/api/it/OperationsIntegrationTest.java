package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Health, metrics and API docs: what operators and client developers rely on. */
class OperationsIntegrationTest extends ApiIntegrationTest {

    @Test
    void readinessIncludesKafkaAndPostgres() {
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
