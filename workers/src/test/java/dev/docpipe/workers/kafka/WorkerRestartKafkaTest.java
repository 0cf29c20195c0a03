package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What survives a worker process: the record of completed jobs (a restarted or different instance
 * does not run a job again) and, for a job cut off by shutdown, nothing at all (no result, no
 * committed offset), so the next worker runs it.
 */
class WorkerRestartKafkaTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static Path blobDir;
    private static WorkerFixture files;
    private static KafkaJobs jobs;

    @BeforeAll
    static void setUp() throws Exception {
        blobDir = Files.createTempDirectory("workers-restart-test");
        files = new WorkerFixture(blobDir);
        jobs = new KafkaJobs();
    }

    @AfterAll
    static void tearDown() {
        jobs.close();
    }

    @Test
    void aJobRedeliveredToANewInstanceAfterItsResultIsNotRunAgain() {
        Job job = files.job(JobKind.SCAN, TestDocuments.pdfWithText("run me once"), LEASE);
        try (WorkerApp first = WorkerApp.start(blobDir, "docpipe.worker.ocr.enabled=false")) {
            jobs.publish(job);
            KafkaJobs.awaitResult(job.jobId());
        }

        try (WorkerApp second = WorkerApp.start(blobDir, "docpipe.worker.ocr.enabled=false")) {
            jobs.publish(job); // e.g. a re-driven topic or a reset consumer group
            Job next = files.job(JobKind.SCAN, TestDocuments.pdfWithText("sentinel"), LEASE);
            Job sameDocument = new Job(next.jobId(), job.documentId(), JobKind.SCAN, 2, next.file(), next.deadline(), null);
            jobs.publish(sameDocument);

            KafkaJobs.awaitResult(sameDocument.jobId());
            assertThat(KafkaJobs.resultsFor(job.jobId())).hasSize(1);
            assertThat(second.count("scan", "duplicate")).isEqualTo(1);
        }
    }

    @Test
    void aJobCutOffByShutdownCommitsNothingAndTheNextWorkerRunsIt() {
        assumeTrue(WorkerFixture.tesseractInstalled(), "SKIPPED: needs tesseract for a job that runs for seconds "
                + "(apt-get install -y tesseract-ocr tesseract-ocr-eng)");
        var page = TestDocuments.scannedPage(List.of("Parents evening", "Tuesday at six"));
        Job job = files.job(JobKind.OCR, TestDocuments.imageOnlyPdf(List.of(page, page, page, page)), LEASE);

        try (WorkerApp stopping = WorkerApp.start(blobDir, "docpipe.worker.scan.enabled=false",
                "docpipe.worker.shutdown-grace=200ms")) {
            jobs.publish(job);
            await().atMost(Duration.ofSeconds(30)).until(() -> stopping.inFlight("ocr") == 1);
            // close() returns once the container has stopped: the job was cancelled, not finished.
        }
        assertThat(KafkaJobs.resultsFor(job.jobId())).isEmpty();

        try (WorkerApp next = WorkerApp.start(blobDir, "docpipe.worker.scan.enabled=false",
                "docpipe.ocr.render-dpi=150")) {
            assertThat(KafkaJobs.awaitResult(job.jobId())).isInstanceOfSatisfying(OcrSucceeded.class,
                    r -> assertThat(r.engine()).isEqualTo("tesseract"));
            assertThat(next.count("ocr", "succeeded")).isEqualTo(1);
        }
        assertThat(KafkaJobs.resultsFor(job.jobId())).hasSize(1);
    }
}
