package dev.docpipe.workers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docpipe.blob.BlobRef;
import dev.docpipe.model.Topics;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.workers.execution.DeadLetters;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker application against a real broker: jobs in on docpipe.jobs.*, results out on
 * docpipe.job-results (read_committed), unreadable records to docpipe.dlq.
 */
class WorkerJobsKafkaTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static Path blobDir;
    private static WorkerFixture files;
    private static KafkaJobs jobs;
    private static WorkerApp app;

    @BeforeAll
    static void start() throws Exception {
        blobDir = Files.createTempDirectory("workers-kafka-test");
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
    void scanReportsEachKindOfFile() {
        Job pdf = publish(JobKind.SCAN, TestDocuments.pdfWithText(TestDocuments.ENGLISH));
        Job png = publish(JobKind.SCAN, TestDocuments.pngOfText(List.of("Homework for Monday"), 300));
        Job corrupt = publish(JobKind.SCAN, TestDocuments.corruptPdf());
        Job zip = publish(JobKind.SCAN, TestDocuments.zip());
        Job missing = WorkerFixture.job(JobKind.SCAN,
                new FileRef("sha256:" + "cd".repeat(32), "image/png", 1234, "lost.png"), LEASE);
        jobs.publish(missing);

        assertThat(KafkaJobs.awaitResult(pdf.jobId())).isInstanceOfSatisfying(ScanSucceeded.class, r -> {
            assertThat(r.documentId()).isEqualTo(pdf.documentId());
            assertThat(r.report().detectedType()).isEqualTo("application/pdf");
            assertThat(r.report().pageCount()).isEqualTo(1);
            assertThat(r.report().hasTextLayer()).isTrue();
            assertThat(r.report().language()).isEqualTo("en");
        });
        assertThat(KafkaJobs.awaitResult(png.jobId())).isInstanceOfSatisfying(ScanSucceeded.class, r -> {
            assertThat(r.report().detectedType()).isEqualTo("image/png");
            assertThat(r.report().widthPx()).isEqualTo(1800);
            assertThat(r.report().dpi()).isEqualTo(300);
            assertThat(r.report().hasTextLayer()).isFalse();
        });
        assertThat(KafkaJobs.awaitResult(corrupt.jobId())).isInstanceOfSatisfying(ScanFailed.class, r -> {
            assertThat(r.reason()).isEqualTo("CORRUPT_FILE");
            assertThat(r.retryable()).isFalse();
        });
        assertThat(KafkaJobs.awaitResult(zip.jobId())).isInstanceOfSatisfying(ScanFailed.class, r -> {
            assertThat(r.reason()).isEqualTo("UNSUPPORTED_TYPE");
            assertThat(r.retryable()).isFalse();
        });
        assertThat(KafkaJobs.awaitResult(missing.jobId())).isInstanceOfSatisfying(ScanFailed.class,
                r -> assertThat(r.reason()).isEqualTo("BLOB_MISSING"));
    }

    @Test
    void ocrOfAPdfWithATextLayerStoresItsText() throws Exception {
        Job pdf = publish(JobKind.OCR, TestDocuments.pdfWithText("Field trip on Thursday", "Bring a packed lunch"));

        OcrSucceeded ok = (OcrSucceeded) KafkaJobs.awaitResult(pdf.jobId());
        assertThat(ok.engine()).isEqualTo("pdfbox");
        String text = files.blobs().readText(BlobRef.parse(ok.textRef()));
        assertThat(text).contains("Field trip on Thursday", "Bring a packed lunch");
        assertThat(ok.textLength()).isEqualTo(text.length());
    }

    @Test
    void ocrOfAPngOfPrintedTextRecognisesTheWords() throws Exception {
        assumeTrue(WorkerFixture.tesseractInstalled(), "SKIPPED: tesseract is not installed "
                + "(apt-get install -y tesseract-ocr tesseract-ocr-eng), so image OCR cannot be tested here");
        Job png = publish(JobKind.OCR, TestDocuments.pngOfText(List.of("Homework for Monday", "Read chapter three"), 300));

        OcrSucceeded ok = (OcrSucceeded) KafkaJobs.awaitResult(png.jobId());
        assertThat(ok.engine()).isEqualTo("tesseract");
        assertThat(ok.engineVersion()).matches("\\d+\\.\\d+.*");
        assertThat(files.blobs().readText(BlobRef.parse(ok.textRef()))).contains("Homework", "Monday", "chapter", "three");
    }

    @Test
    void ocrOfCorruptAndUnsupportedFilesFailsPermanently() {
        Job corrupt = publish(JobKind.OCR, TestDocuments.corruptPdf());
        Job zip = publish(JobKind.OCR, TestDocuments.zip());

        assertThat(KafkaJobs.awaitResult(corrupt.jobId())).isInstanceOfSatisfying(OcrFailed.class, r -> {
            assertThat(r.reason()).isEqualTo("CORRUPT_FILE");
            assertThat(r.retryable()).isFalse();
        });
        assertThat(KafkaJobs.awaitResult(zip.jobId())).isInstanceOfSatisfying(OcrFailed.class,
                r -> assertThat(r.reason()).isEqualTo("UNSUPPORTED_TYPE"));
    }

    @Test
    void aJobDeliveredTwiceIsExecutedOnce() {
        Job job = files.job(JobKind.SCAN, TestDocuments.pdfWithText("delivered twice"), LEASE);
        double executedBefore = app.count("scan", "succeeded");
        jobs.publish(job);
        jobs.publish(job);
        // Same key, same partition: once the next job of this document has its result, the
        // duplicate before it has certainly been handled.
        Job next = files.job(JobKind.SCAN, TestDocuments.pdfWithText("next"), LEASE);
        Job sameDocument = new Job(next.jobId(), job.documentId(), JobKind.SCAN, 2, next.file(), next.deadline(), null);
        jobs.publish(sameDocument);

        KafkaJobs.awaitResult(sameDocument.jobId());
        assertThat(KafkaJobs.resultsFor(job.jobId())).hasSize(1);
        assertThat(app.count("scan", "duplicate")).isGreaterThanOrEqualTo(1);
        assertThat(app.count("scan", "succeeded") - executedBefore).isEqualTo(2); // job and next, not job twice
    }

    @Test
    void unreadableRecordsGoToTheDlqAndTheNextJobIsStillProcessed() {
        UUID documentId = UUID.randomUUID();
        String key = documentId.toString();
        RecordMetadata garbage = jobs.publishRaw(Topics.SCAN_JOBS, key, "{not json".getBytes(StandardCharsets.UTF_8));
        jobs.publishRaw(Topics.SCAN_JOBS, key, "{\"schemaVersion\":99,\"jobId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        Job otherDocument = files.job(JobKind.SCAN, TestDocuments.pdfWithText("wrong key"), LEASE);
        jobs.publishRaw(Topics.SCAN_JOBS, key, ModelJson.JOBS.encode(otherDocument)); // key is not its documentId
        Job good = files.job(JobKind.SCAN, TestDocuments.pdfWithText("after the poison"), LEASE);
        Job next = new Job(good.jobId(), documentId, JobKind.SCAN, 1, good.file(), good.deadline(), null);
        jobs.publish(next);

        assertThat(KafkaJobs.awaitResult(next.jobId())).isInstanceOf(ScanSucceeded.class);
        var dead = KafkaJobs.deadLettersWithKey(key, 3);
        assertThat(dead).extracting(r -> KafkaJobs.header(r, DeadLetters.REASON))
                .containsExactly("MALFORMED_JSON", "UNSUPPORTED_SCHEMA_VERSION", "KEY_MISMATCH");
        var first = dead.getFirst();
        assertThat(first.value()).isEqualTo("{not json");
        assertThat(KafkaJobs.header(first, DeadLetters.DETAIL)).isNotBlank();
        assertThat(KafkaJobs.header(first, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.SCAN_JOBS);
        assertThat(KafkaJobs.header(first, DeadLetters.SOURCE_PARTITION)).isEqualTo(Integer.toString(garbage.partition()));
        assertThat(KafkaJobs.header(first, DeadLetters.SOURCE_OFFSET)).isEqualTo(Long.toString(garbage.offset()));
        assertThat(KafkaJobs.resultsFor(otherDocument.jobId())).isEmpty();
        assertThat(app.count("scan", "rejected")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aJobPastItsDeadlineIsNotExecuted() {
        Job job = files.job(JobKind.SCAN, TestDocuments.pdfWithText("too late"), LEASE);
        Job expired = new Job(job.jobId(), job.documentId(), JobKind.SCAN, 1, job.file(), Instant.now().minusSeconds(5), null);
        jobs.publish(expired);
        Job next = files.job(JobKind.SCAN, TestDocuments.pdfWithText("on time"), LEASE);
        Job sameDocument = new Job(next.jobId(), job.documentId(), JobKind.SCAN, 2, next.file(), next.deadline(), null);
        jobs.publish(sameDocument);

        KafkaJobs.awaitResult(sameDocument.jobId());
        assertThat(KafkaJobs.resultsFor(expired.jobId())).isEmpty();
        assertThat(app.count("scan", "expired")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aJobFromAnAbortedTransactionIsNeverExecuted() {
        Job aborted = files.job(JobKind.SCAN, TestDocuments.pdfWithText("aborted dispatch"), LEASE);
        jobs.publishAborted(aborted);
        Job next = files.job(JobKind.SCAN, TestDocuments.pdfWithText("committed dispatch"), LEASE);
        Job sameDocument = new Job(next.jobId(), aborted.documentId(), JobKind.SCAN, 2, next.file(), next.deadline(), null);
        jobs.publish(sameDocument);

        KafkaJobs.awaitResult(sameDocument.jobId());
        assertThat(KafkaJobs.resultsFor(aborted.jobId())).isEmpty(); // read_committed: never seen
    }

    @Test
    void metricsAreRecorded() {
        Job job = publish(JobKind.SCAN, TestDocuments.pdfWithText("metrics"));
        KafkaJobs.awaitResult(job.jobId());

        var timer = app.metrics().get("docpipe.worker.job.duration").tags("kind", "scan", "outcome", "succeeded").timer();
        assertThat(timer.count()).isGreaterThanOrEqualTo(1);
        assertThat(app.inFlight("scan")).isZero();
    }

    private static Job publish(JobKind kind, byte[] content) {
        Job job = files.job(kind, content, LEASE);
        jobs.publish(job);
        return job;
    }

    static List<JobResult> resultsFor(UUID jobId) {
        return KafkaJobs.resultsFor(jobId);
    }
}
