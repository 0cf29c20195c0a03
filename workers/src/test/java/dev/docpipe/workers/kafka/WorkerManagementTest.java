package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.workers.observability.PrometheusScrape;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers' management port, over HTTP, against a real broker: health probes (readiness =
 * Kafka, blob store, Tesseract) and the meters at /actuator/prometheus after a job really ran.
 */
class WorkerManagementTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path blobDir;
    private static WorkerFixture files;
    private static KafkaJobs jobs;
    private static WorkerApp app;

    @BeforeAll
    static void start() throws Exception {
        blobDir = Files.createTempDirectory("workers-management-test");
        files = new WorkerFixture(blobDir);
        jobs = new KafkaJobs();
        app = WorkerApp.start(blobDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (jobs != null) {
            jobs.close();
        }
    }

    @Test
    void aScanJobShowsInTheMetersScrapedOverHttp() throws IOException {
        Job job = files.job(JobKind.SCAN, TestDocuments.pdfWithText("Sports day", "Bring trainers"), LEASE);
        jobs.publish(job);
        assertThat(KafkaJobs.awaitResult(job.jobId())).isInstanceOf(ScanSucceeded.class);
        // The result is committed before the handler records its meters; give it the moment.
        PrometheusScrape scrape = awaitScrape(s -> s.names().contains("docpipe_worker_job_turnaround_seconds_count")
                && s.value("docpipe_worker_pages_total", Map.of("kind", "scan")) >= 1);

        Map<String, String> scanSucceeded = Map.of("kind", "scan", "outcome", "succeeded");
        assertThat(scrape.value("docpipe_worker_jobs_total", scanSucceeded)).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("docpipe_worker_job_duration_seconds_count", scanSucceeded)).isGreaterThanOrEqualTo(1);
        // Histogram buckets, so quantiles aggregate across instances in PromQL.
        assertThat(scrape.samples("docpipe_worker_job_duration_seconds_bucket"))
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("le", "+Inf").containsEntry("kind", "scan"));
        assertThat(scrape.samples("docpipe_worker_job_wait_seconds_bucket")).hasSizeGreaterThan(10);
        assertThat(scrape.value("docpipe_worker_job_wait_seconds_count", Map.of("kind", "scan"))).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("docpipe_worker_job_turnaround_seconds_count", scanSucceeded)).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("docpipe_worker_pages_total", Map.of("kind", "scan"))).isGreaterThanOrEqualTo(2);
        assertThat(scrape.value("docpipe_worker_retries_total", Map.of("kind", "scan"))).isZero();
        assertThat(scrape.value("docpipe_worker_jobs_in_flight", Map.of("kind", "ocr"))).isZero();
        // Consumer lag of the job listeners, from the Kafka client's own metrics.
        assertThat(scrape.samples("kafka_consumer_fetch_manager_records_lag_max"))
                .anySatisfy(s -> assertThat(s.labels().get("client_id")).contains("docpipe-scan-worker"));
        Files.writeString(Path.of("target", "workers-prometheus.txt"), scrape.text()); // for people to look at
    }

    @Test
    void aDuplicateAndAnExpiredJobAreCountedAsSkipped() {
        Job job = files.job(JobKind.SCAN, TestDocuments.pdfWithText("twice"), LEASE);
        Job expired = files.job(JobKind.SCAN, TestDocuments.pdfWithText("late"), Duration.ofMillis(-1));
        double duplicatesBefore = app.count("scan", "duplicate");
        double expiredBefore = app.count("scan", "expired");
        jobs.publish(expired);
        jobs.publish(job);
        KafkaJobs.awaitResult(job.jobId());
        jobs.publish(job);
        Job marker = files.job(JobKind.SCAN, TestDocuments.pdfWithText("after"), LEASE);
        jobs.publish(new Job(marker.jobId(), job.documentId(), JobKind.SCAN, 2, marker.file(), marker.deadline(), null));
        KafkaJobs.awaitResult(marker.jobId());

        PrometheusScrape scrape = awaitScrape(s -> s.value("docpipe_worker_jobs_total",
                Map.of("kind", "scan", "outcome", "duplicate")) > duplicatesBefore);
        assertThat(scrape.value("docpipe_worker_jobs_total", Map.of("kind", "scan", "outcome", "expired")))
                .isGreaterThan(expiredBefore);
    }

    @Test
    void livenessAndReadinessAreUpWithTheDetailsAnOperatorNeeds() {
        assumeTrue(WorkerFixture.tesseractInstalled(), "SKIPPED: tesseract is not installed "
                + "(apt-get install -y tesseract-ocr tesseract-ocr-eng), so readiness is rightly DOWN here");
        assertThat(get(app.actuator() + "/health/liveness").statusCode()).isEqualTo(200);

        HttpResponse<String> readiness = get(app.actuator() + "/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode components = JSON.readTree(readiness.body()).path("components");
        assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("kafka").path("details").path("brokers").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(components.path("blobStore").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("tesseract").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("tesseract").path("details").path("version").asString()).matches("\\d+\\.\\d+.*");
        assertThat(components.path("tesseract").path("details").path("languages").toString()).contains("eng");
    }

    @Test
    void readinessIsDownWhenTesseractIsMissingOrTheBlobStoreIsUnusable() throws Exception {
        Path ownBlobs = Files.createTempDirectory("workers-management-broken");
        String suffix = UUID.randomUUID().toString();
        // Its own groups, reading only what arrives after it started (nothing): it must not take
        // other tests' jobs, and with a broken blob store it must not run any.
        try (WorkerApp broken = WorkerApp.start(ownBlobs,
                "docpipe.ocr.tesseract-path=/nonexistent/bin/tesseract",
                "docpipe.worker.scan.group-id=broken-scan-" + suffix,
                "docpipe.worker.ocr.group-id=broken-ocr-" + suffix,
                "spring.kafka.consumer.auto-offset-reset=latest")) {
            HttpResponse<String> readiness = get(broken.actuator() + "/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            JsonNode components = JSON.readTree(readiness.body()).path("components");
            assertThat(components.path("tesseract").path("status").asString()).isEqualTo("DOWN");
            assertThat(components.path("tesseract").path("details").path("reason").asString())
                    .isEqualTo("OCR_ENGINE_MISSING");
            assertThat(components.path("tesseract").path("details").path("error").asString())
                    .contains("/nonexistent/bin/tesseract");
            assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("blobStore").path("status").asString()).isEqualTo("UP");

            // The blob directory goes away and a file takes its place: nothing can be stored.
            deleteRecursively(ownBlobs);
            Files.writeString(ownBlobs, "not a directory");
            readiness = get(broken.actuator() + "/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            JsonNode blobStore = JSON.readTree(readiness.body()).path("components").path("blobStore");
            assertThat(blobStore.path("status").asString()).isEqualTo("DOWN");
            assertThat(blobStore.path("details").path("error").asString()).startsWith("cannot write a blob");

            // Not ready is not dead: restarting would not bring the directory or the engine back.
            assertThat(get(broken.actuator() + "/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            Files.deleteIfExists(ownBlobs);
        }
    }

    /** The first scrape that satisfies {@code ready} (meters are recorded just after the result is committed). */
    private static PrometheusScrape awaitScrape(java.util.function.Predicate<PrometheusScrape> ready) {
        return await("meters scraped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(AssertionError.class)
                .until(() -> PrometheusScrape.of(app.actuator() + "/prometheus"), ready);
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
