package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.blob.BlobRef;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 over HTTP, on the real stack: DELETE of a document and of a child, what the API answers for an
 * erased document afterwards, concurrent erasures, and an OCR result that arrives after the erasure. What is
 * left of the personal data everywhere is {@link ErasureProofIntegrationTest}'s question.
 */
class ErasureIntegrationTest extends ApiIntegrationTest {

    @Test
    void deleteErasesTheDocumentAndAnswers204AgainWhenRepeated() {
        UUID documentId = extractedDocument("text to erase");
        assertThat(api.patch(docPath(documentId) + "/review",
                "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"a title\"}}").status()).isEqualTo(200);

        HttpApi.Response erased = api.delete(docPath(documentId));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(erased.bytes()).isEmpty();
        assertThat(erased.header("ETag")).isPresent();

        HttpApi.Response gone = api.get(docPath(documentId));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(410);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.code()).isEqualTo("DOCUMENT_ERASED");
        assertThat(api.get(docPath(documentId) + "/text").code()).isEqualTo("DOCUMENT_ERASED");

        HttpApi.Response again = api.delete(docPath(documentId));
        assertThat(again.status()).as(again.toString()).isEqualTo(204);

        // the child's list shows it as erased, without a personal field
        HttpApi.Response list = api.get("/api/v1/children/" + childId + "/documents?size=100");
        var listed = list.json().path("items").valueStream()
                .filter(item -> item.path("documentId").asString().equals(documentId.toString())).findFirst()
                .orElseThrow();
        assertThat(listed.path("state").asString()).isEqualTo("ERASED");
        assertThat(listed.path("file").isNull()).isTrue();
        assertThat(listed.path("review").isNull()).isTrue();
        assertThat(listed.path("ocr").isNull()).isTrue();
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysThe204() {
        UUID documentId = scannedDocument();
        HttpApi.Response first = api.delete(docPath(documentId), "Idempotency-Key", "erase-" + documentId);
        HttpApi.Response replay = api.delete(docPath(documentId), "Idempotency-Key", "erase-" + documentId);
        assertThat(first.status()).as(first.toString()).isEqualTo(204);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(204);
        assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void twentyConcurrentDeletesAcceptOneErasure() throws Exception {
        UUID documentId = scannedDocument();

        List<HttpApi.Response> responses = concurrently(20, () -> api.delete(docPath(documentId)));

        assertThat(responses).extracting(HttpApi.Response::status).allMatch(s -> s == 204 || s == 202,
                "204 or 202");
        List<CommandOutcome> outcomes = await().atMost(Duration.ofSeconds(30))
                .until(() -> erasureOutcomes(documentId), o -> o.size() == 20);
        Map<OutcomeStatus, Long> byStatus = outcomes.stream()
                .collect(Collectors.groupingBy(CommandOutcome::status, Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(
                Map.of(OutcomeStatus.ACCEPTED, 1L, OutcomeStatus.ALREADY_DONE, 19L));
        assertThat(api.get(docPath(documentId)).code()).isEqualTo("DOCUMENT_ERASED");
    }

    @Test
    void anotherFamilyGets404AndAnUnknownDocumentIs404() {
        UUID documentId = scannedDocument();
        Family other = newFamily();
        HttpApi.Response foreign = other.api().delete(docPath(documentId));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(other.api().delete("/api/v1/children/" + other.childId() + "/documents/" + documentId).status())
                .isEqualTo(404);
        assertThat(api.delete(docPath(UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(api.get(docPath(documentId)).json().path("state").asString()).isEqualTo("SCANNED");
    }

    @Test
    void everyCommandOnAnErasedDocumentIs409DocumentErased() {
        UUID documentId = extractedDocument("text");
        assertThat(api.delete(docPath(documentId)).status()).isEqualTo(204);

        List<HttpApi.Response> refused = List.of(
                api.post(docPath(documentId) + "/confirm-scan", null),
                api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":1}"),
                api.post(docPath(documentId) + "/retry-ocr", "{\"failedAttempt\":1}"),
                api.patch(docPath(documentId) + "/review", "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"x\"}}"),
                api.post(docPath(documentId) + "/validate", "{\"expectedReviewVersion\":0}"));
        for (HttpApi.Response r : refused) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.code()).as(r.toString()).isEqualTo("DOCUMENT_ERASED");
            assertThat(r.json().path("state").asString()).isEqualTo("ERASED");
        }
    }

    @Test
    void anOcrResultArrivingAfterTheErasureIsDiscardedAndItsTextBlobDeleted() throws Exception {
        UUID documentId = scannedDocument();
        assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);
        Job ocr = workers.awaitJob(Topics.OCR_JOBS, documentId, 1);

        assertThat(api.delete(docPath(documentId)).status()).isEqualTo(204);
        // the worker was running when the erasure arrived: it stores its text and reports it
        StoredBlob text = blobs.putText("late text of " + documentId);
        workers.report(new OcrSucceeded(ocr.jobId(), documentId, Instant.now(), text.ref().value(), 20,
                "tesseract", "5.3.0"));

        BlobRef ref = text.ref();
        await().atMost(Duration.ofSeconds(30)).until(() -> !blobs.exists(ref));
        assertThat(eventTypes(documentId)).contains("DocumentErased", "ErasedDocumentResultDiscarded")
                .doesNotContain("TextExtracted");
        HttpApi.Response gone = api.get(docPath(documentId));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.code()).isEqualTo("DOCUMENT_ERASED");
    }

    @Test
    void deleteOfAChildErasesItsDocumentsAndItsName() {
        Family family = newFamily();
        HttpApi.Response created = family.api().post("/api/v1/children", "{\"name\":\"Lotte Erasemeplease\"}");
        assertThat(created.status()).isEqualTo(201);
        UUID child = UUID.fromString(created.json().path("childId").asString());
        String docs = "/api/v1/children/" + child + "/documents";
        UUID first = UUID.fromString(family.api().uploadFile(child, "a.pdf", pdf()).json().path("documentId")
                .asString());
        UUID second = UUID.fromString(family.api().uploadFile(child, "b.pdf", pdf()).json().path("documentId")
                .asString());

        HttpApi.Response foreign = api.delete("/api/v1/children/" + child);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);

        HttpApi.Response erased = family.api().delete("/api/v1/children/" + child);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(family.api().delete("/api/v1/children/" + child).status()).isEqualTo(204);

        assertThat(family.api().get(docs + "/" + first).code()).isEqualTo("DOCUMENT_ERASED");
        assertThat(family.api().get(docs + "/" + second).code()).isEqualTo("DOCUMENT_ERASED");
        assertThat(family.api().delete(docs + "/" + first).status()).isEqualTo(204);
        HttpApi.Response child410 = family.api().get("/api/v1/children/" + child);
        assertThat(child410.status()).isEqualTo(410);
        assertThat(child410.code()).isEqualTo("CHILD_ERASED");
        assertThat(family.api().get(docs).code()).isEqualTo("CHILD_ERASED");
        assertThat(family.api().uploadFile(child, "c.pdf", pdf()).code()).isEqualTo("CHILD_ERASED");
        assertThat(family.api().get("/api/v1/children").json().path("items").valueStream()
                .map(c -> c.path("childId").asString())).doesNotContain(child.toString())
                .contains(family.childId().toString());
        // the row stays (ids, times), marked erased; the name the family gave is gone
        assertThat(jdbc.sql("SELECT count(*) FROM children WHERE child_id = :child AND erased_at IS NOT NULL"
                + " AND name IS NULL AND creation_key IS NULL").param("child", child).query(Long.class).single())
                .isEqualTo(1);
    }

    private static List<CommandOutcome> erasureOutcomes(UUID documentId) {
        return TopicReader.readCommitted().readAll(Topics.COMMAND_OUTCOMES).stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.OUTCOMES.decode(r.value().getBytes(StandardCharsets.UTF_8)))
                .filter(o -> o.commandType().equals("EraseDocument"))
                .toList();
    }

    private static List<String> eventTypes(UUID documentId) {
        return TopicReader.readCommitted().readAll(Topics.EVENTS).stream()
                .filter(r -> documentId.toString().equals(r.key()))
                .map(r -> ModelJson.EVENTS.decode(r.value().getBytes(StandardCharsets.UTF_8)).event().getClass()
                        .getSimpleName())
                .toList();
    }

    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
