package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST …/retry-ocr: OCR_FAILED is no longer a dead end, and a retry names the failed attempt it retries. */
class RetryOcrIntegrationTest extends ApiIntegrationTest {

    private HttpApi.Response retry(UUID documentId, int failedAttempt) {
        return api.post(docPath(documentId) + "/retry-ocr", "{\"failedAttempt\":" + failedAttempt + "}");
    }

    @Test
    void aFailedOcrIsRetriedOnceHoweverOftenTheRetryIsSent() {
        UUID documentId = ocrFailedDocument();
        HttpApi.Response view = api.get(docPath(documentId));
        int failedAttempt = view.json().path("ocr").path("attempt").asInt();
        assertThat(failedAttempt).isEqualTo(1);

        HttpApi.Response queued = retry(documentId, failedAttempt);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        assertThat(queued.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(queued.json().path("reason").asString()).isEqualTo("OCR_QUEUED");
        assertThat(queued.json().path("state").asString()).isEqualTo("OCR_PENDING");
        assertThat(queued.header("Location")).hasValue(docPath(documentId));
        Job second = workers.awaitJob(Topics.OCR_JOBS, documentId, 2);
        assertThat(second.attempt()).isEqualTo(2);

        // the same retry again (a lost response, a double tap): already retried, nothing new
        HttpApi.Response again = retry(documentId, failedAttempt);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("status").asString()).isEqualTo("ALREADY_DONE");
        assertThat(again.json().path("reason").asString()).isEqualTo("ALREADY_RETRIED");

        // the new attempt is running: retrying it is a conflict
        HttpApi.Response running = retry(documentId, 2);
        assertThat(running.status()).as(running.toString()).isEqualTo(409);
        assertThat(running.contentType()).startsWith("application/problem+json");
        assertThat(running.code()).isEqualTo("OCR_IN_PROGRESS");

        // it succeeds: the document is EXTRACTED, nothing has failed
        workers.ocrSucceeded(second, "zweiter Versuch");
        awaitState(documentId, "EXTRACTED");
        HttpApi.Response notFailed = retry(documentId, 2);
        assertThat(notFailed.status()).as(notFailed.toString()).isEqualTo(409);
        assertThat(notFailed.code()).isEqualTo("NOT_FAILED");
        assertThat(retry(documentId, failedAttempt).status()).isEqualTo(200);

        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).extracting(Job::attempt).containsExactly(1, 2);
        assertThat(api.get(docPath(documentId) + "/text").body()).isEqualTo("zweiter Versuch");
    }

    @Test
    void aDocumentWhoseOcrDidNotFailCannotBeRetried() {
        UUID documentId = scannedDocument();
        assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);

        HttpApi.Response running = retry(documentId, 1);

        assertThat(running.status()).as(running.toString()).isEqualTo(409);
        assertThat(running.code()).isEqualTo("OCR_IN_PROGRESS");
        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).hasSize(1);
    }
}
