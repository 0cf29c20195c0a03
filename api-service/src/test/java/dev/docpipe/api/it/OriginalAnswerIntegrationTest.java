package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guarantee 8 end to end: a retry of an accepted command within the retention gets its original answer
 * (same status, same body, same Location and ETag), even after many refused commands on the same
 * document, more than the pipeline once remembered per document. The retry reaches the pipeline with
 * the original commandId the way it does in production: an Idempotency-Key claim whose instance died
 * after sending, taken over by the client's retry, which resends the claim's command.
 */
class OriginalAnswerIntegrationTest extends ApiIntegrationTest {
    /** More refusals than the old bound of 32 remembered commands per document. */
    private static final int REFUSALS = 40;

    @Test
    void anUploadRetriedAfterManyRefusalsStill202WithItsLocation() {
        byte[] file = pdf();
        HttpApi.Response first = api.uploadFile(childId, "a.pdf", file, "Idempotency-Key", "original-upload");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        UUID documentId = UUID.fromString(first.json().path("documentId").asString());
        awaitState(documentId, "SCAN_PENDING");
        refuse(REFUSALS, () -> api.post(docPath(documentId) + "/confirm-scan", null), "SCAN_NOT_READY");
        abandonAfterSend("original-upload");

        HttpApi.Response retry = api.uploadFile(childId, "a.pdf", file, "Idempotency-Key", "original-upload");

        assertSameAnswer(first, retry);
        assertThat(retry.header("Location")).isPresent().isEqualTo(first.header("Location"));
        assertThat(workers.jobs(Topics.SCAN_JOBS, documentId)).hasSize(1);
    }

    @Test
    void aConfirmRetriedAfterManyRefusalsStill202() {
        UUID documentId = scannedDocument();
        String path = docPath(documentId) + "/confirm-scan";
        HttpApi.Response first = api.post(path, null, "Idempotency-Key", "original-confirm");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        refuse(REFUSALS, () -> api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":1}"),
                "ALREADY_CONFIRMED");
        abandonAfterSend("original-confirm");

        HttpApi.Response retry = api.post(path, null, "Idempotency-Key", "original-confirm");

        assertSameAnswer(first, retry);
        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).hasSize(1);
    }

    @Test
    void anEditRetriedAfterManyRefusalsStill200() {
        UUID documentId = extractedDocument("text");
        String path = docPath(documentId) + "/review";
        String body = "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"first\"}}";
        HttpApi.Response first = api.patch(path, body, "Idempotency-Key", "original-edit");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        refuse(REFUSALS, () -> api.patch(path, "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"late\"}}"),
                "STALE_WRITE");
        abandonAfterSend("original-edit");

        HttpApi.Response retry = api.patch(path, body, "Idempotency-Key", "original-edit");

        assertSameAnswer(first, retry);
        assertThat(api.get(docPath(documentId)).json().path("review").path("title").asString()).isEqualTo("first");
    }

    private static void refuse(int times, Supplier<HttpApi.Response> send, String code) {
        for (int i = 0; i < times; i++) {
            HttpApi.Response r = send.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.code()).isEqualTo(code);
        }
    }

    /**
     * Same status, ETag and body. The body's {@code decidedAt} is when the pipeline answered this
     * delivery of the command (a duplicate is answered anew), so it is the one member left out.
     */
    private static void assertSameAnswer(HttpApi.Response first, HttpApi.Response retry) {
        assertThat(retry.status()).as(retry.toString()).isEqualTo(first.status());
        assertThat(retry.header("Idempotent-Replayed")).as("a takeover, not a stored replay").isEmpty();
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(withoutDecidedAt(retry.json())).isEqualTo(withoutDecidedAt(first.json()));
    }

    private static JsonNode withoutDecidedAt(JsonNode body) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove("decidedAt");
        return copy;
    }
}
