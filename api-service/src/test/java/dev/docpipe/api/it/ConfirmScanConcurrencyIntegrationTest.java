package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import dev.docpipe.model.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 1 through the HTTP API: any number of concurrent confirm-scans emit exactly one OCR job; and
 * any number of parallel rescans of one attempt emit exactly one scan job.
 */
class ConfirmScanConcurrencyIntegrationTest extends ApiIntegrationTest {
    private static final int ROUNDS = 5;

    /** Guarantee 1, in five rounds (a race that passes once may still be lost sometimes). */
    @Test
    void hundredConcurrentConfirmsGiveOne202AndOneOcrJobInEachOfFiveRounds() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            hundredConcurrentConfirmsGiveOne202AndOneOcrJob("round " + round);
        }
    }

    private void hundredConcurrentConfirmsGiveOne202AndOneOcrJob(String round) throws Exception {
        UUID documentId = scannedDocument();
        long scannedVersion = api.get(docPath(documentId)).json().path("version").asLong();

        List<HttpApi.Response> responses = concurrently(100, i -> api.post(docPath(documentId) + "/confirm-scan", null));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpApi.Response::status, Collectors.counting()));
        assertThat(byStatus).as(round + ": " + responses.stream().filter(r -> r.status() >= 300).findFirst()
                .map(Object::toString).orElse("")).containsExactlyInAnyOrderEntriesOf(Map.of(202, 1L, 200, 99L));

        HttpApi.Response accepted = responses.stream().filter(r -> r.status() == 202).findFirst().orElseThrow();
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("reason").asString()).isEqualTo("OCR_QUEUED");
        assertThat(accepted.json().path("state").asString()).isEqualTo("OCR_PENDING");
        // ScanConfirmed + OcrRequested: the response carries the document's new version
        long newVersion = accepted.json().path("version").asLong();
        assertThat(newVersion).isEqualTo(scannedVersion + 2);
        assertThat(accepted.header("ETag")).hasValue("\"" + newVersion + "\"");
        responses.stream().filter(r -> r.status() == 200).forEach(r -> {
            assertThat(r.json().path("status").asString()).isEqualTo("ALREADY_DONE");
            assertThat(r.json().path("reason").asString()).isEqualTo("ALREADY_CONFIRMED");
        });

        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).as(round).hasSize(1);
        // the read model already shows what the 202 announced
        HttpApi.Response doc = api.get(docPath(documentId));
        assertThat(doc.json().path("state").asString()).isEqualTo("OCR_PENDING");
        assertThat(doc.json().path("version").asLong()).isEqualTo(newVersion);
    }

    /** Issue 14: many parallel duplicates of one rescan intent (the attempt the client saw) scan once. */
    @Test
    void fiftyParallelRescansOfOneAttemptGiveOne202AndOneScanJobInEachOfFiveRounds() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "round " + round;
            UUID documentId = scannedDocument();

            List<HttpApi.Response> responses = concurrently(50,
                    i -> api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":1}"));

            Map<Integer, Long> byStatus = responses.stream()
                    .collect(Collectors.groupingBy(HttpApi.Response::status, Collectors.counting()));
            assertThat(byStatus).as(name + ": " + responses.stream().filter(r -> r.status() >= 300).findFirst()
                    .map(Object::toString).orElse("")).containsExactlyInAnyOrderEntriesOf(Map.of(202, 1L, 200, 49L));
            responses.stream().filter(r -> r.status() == 200).forEach(r ->
                    assertThat(r.json().path("reason").asString()).as(name).isEqualTo("ATTEMPT_SUPERSEDED"));
            // the upload's scan (attempt 1) and exactly one rescan (attempt 2), as read_committed readers see them
            assertThat(workers.jobs(Topics.SCAN_JOBS, documentId)).as(name)
                    .extracting(Job::attempt).containsExactly(1, 2);
        }
    }

    @Test
    void confirmBeforeTheScanFinishedIsAConflict() {
        UUID documentId = upload();
        HttpApi.Response r = api.post(docPath(documentId) + "/confirm-scan", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("SCAN_NOT_READY");
        assertThat(r.json().path("state").asString()).isEqualTo("SCAN_PENDING");
        assertThat(workers.jobs(Topics.OCR_JOBS, documentId)).isEmpty();
    }

    @Test
    void rescanWhileScanningIsAConflictAndEmitsNoJob() {
        UUID documentId = upload();
        HttpApi.Response r = api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":1}");
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("SCAN_IN_PROGRESS");
        assertThat(workers.jobs(Topics.SCAN_JOBS, documentId)).hasSize(1);
    }

    @Test
    void rescanNamesTheAttemptItSupersedes() {
        UUID documentId = scannedDocument();
        HttpApi.Response first = api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":1}");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.json().path("scanAttempt").asInt()).isEqualTo(2);
        assertThat(workers.jobs(Topics.SCAN_JOBS, documentId)).hasSize(2);

        // the same intent again, after the new scan finished (a retry of a lost response): nothing new
        workers.scanSucceeded(workers.awaitJob(Topics.SCAN_JOBS, documentId, 2));
        awaitState(documentId, "SCANNED");
        HttpApi.Response again = api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":1}");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("reason").asString()).isEqualTo("ATTEMPT_SUPERSEDED");
        assertThat(workers.jobs(Topics.SCAN_JOBS, documentId)).hasSize(2);

        // confirmed documents cannot be rescanned
        assertThat(api.post(docPath(documentId) + "/confirm-scan", null).status()).isEqualTo(202);
        HttpApi.Response late = api.post(docPath(documentId) + "/rescan", "{\"supersedesAttempt\":2}");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("ALREADY_CONFIRMED");
    }

    static <T> List<T> concurrently(int n, Function<Integer, T> call) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
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
