package dev.docpipe.workers.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docpipe.blob.BlobRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCR on real generated files, without Kafka. Image OCR needs the tesseract-ocr package. */
class OcrExecutorTest {
    static final String SKIP = "tesseract is not installed (apt-get install -y tesseract-ocr tesseract-ocr-eng): "
            + "image OCR is not exercised";

    @TempDir
    Path blobDir;

    private WorkerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WorkerFixture(blobDir);
    }

    @Test
    void pdfTextLayerIsExtractedWithoutOcr() throws Exception {
        OcrSucceeded ok = succeeded(fixture.ocrExecutor("/nonexistent/tesseract"),
                TestDocuments.pdfWithText("First page text", "Second page text"));

        // No engine needed, so a missing tesseract does not matter here.
        assertThat(ok.engine()).isEqualTo("pdfbox");
        assertThat(ok.engineVersion()).startsWith("3.");
        assertThat(text(ok)).isEqualTo("First page text\n\nSecond page text");
        assertThat(ok.textLength()).isEqualTo(text(ok).length());
    }

    @Test
    void plainTextIsTheTextItself() throws Exception {
        OcrSucceeded ok = succeeded(fixture.ocrExecutor("tesseract"), "Grüße aus der Schule".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.engine()).isEqualTo("plain-text");
        assertThat(text(ok)).isEqualTo("Grüße aus der Schule");
    }

    @Test
    void pngIsReadByTesseract() throws Exception {
        assumeTrue(WorkerFixture.tesseractInstalled(), SKIP);
        OcrSucceeded ok = succeeded(fixture.ocrExecutor("tesseract"),
                TestDocuments.pngOfText(List.of("Homework for Monday", "Read chapter three"), 300));

        assertThat(ok.engine()).isEqualTo("tesseract");
        assertThat(ok.engineVersion()).matches("\\d+\\.\\d+.*");
        assertThat(text(ok)).contains("Homework", "Monday", "chapter", "three");
    }

    @Test
    void imageOnlyPdfPagesAreRenderedAndRead() throws Exception {
        assumeTrue(WorkerFixture.tesseractInstalled(), SKIP);
        OcrSucceeded ok = succeeded(fixture.ocrExecutor("tesseract"), TestDocuments.imageOnlyPdf(List.of(
                TestDocuments.scannedPage(List.of("Science project", "Due on Friday")))));

        assertThat(ok.engine()).isEqualTo("tesseract");
        assertThat(text(ok)).contains("Science", "project", "Friday");
    }

    @Test
    void withoutTesseractAnImageFailsClearlyAndNoTextIsInvented() throws Exception {
        OcrFailed failed = failed(fixture.ocrExecutor("/nonexistent/tesseract"),
                TestDocuments.pngOfText(List.of("Homework"), 300));
        assertThat(failed.reason()).isEqualTo("OCR_ENGINE_MISSING");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed(fixture.ocrExecutor("/nonexistent/tesseract"),
                TestDocuments.imageOnlyPdf(List.of(TestDocuments.scannedPage(List.of("x"))))).reason())
                .isEqualTo("OCR_ENGINE_MISSING");
    }

    @Test
    void reprocessForANewerEngineThanInstalledIsRefused() throws Exception {
        assumeTrue(WorkerFixture.tesseractInstalled(), SKIP);
        Job plain = fixture.job(JobKind.OCR, TestDocuments.pngOfText(List.of("x"), 300), Duration.ofMinutes(1));
        Job job = new Job(plain.jobId(), plain.documentId(), JobKind.OCR, 1, plain.file(), plain.deadline(), "99.0");
        JobResult result = fixture.ocrExecutor("tesseract").execute(WorkerFixture.context(job));
        assertThat(result).isInstanceOfSatisfying(OcrFailed.class,
                f -> assertThat(f.reason()).isEqualTo("ENGINE_VERSION_UNAVAILABLE"));
    }

    @Test
    void corruptAndUnsupportedFilesFailPermanently() throws Exception {
        OcrExecutor ocr = fixture.ocrExecutor("tesseract");
        assertThat(failed(ocr, TestDocuments.corruptPdf()).reason()).isEqualTo("CORRUPT_FILE");
        assertThat(failed(ocr, TestDocuments.corruptPng()).reason()).isEqualTo("CORRUPT_FILE");
        assertThat(failed(ocr, TestDocuments.zip()).reason()).isEqualTo("UNSUPPORTED_TYPE");
    }

    @Test
    void aJobPastItsDeadlineIsAbandonedNotReported() {
        Job job = fixture.job(JobKind.OCR, TestDocuments.pdfWithText("late"), Duration.ofMinutes(1));
        Job late = new Job(job.jobId(), job.documentId(), JobKind.OCR, 1, job.file(), Instant.now().minusSeconds(1), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> fixture.ocrExecutor("tesseract").execute(WorkerFixture.context(late)))
                .isInstanceOf(dev.docpipe.workers.execution.JobAbortedException.class);
    }

    private OcrSucceeded succeeded(OcrExecutor ocr, byte[] content) throws Exception {
        Job job = fixture.job(JobKind.OCR, content, Duration.ofMinutes(2));
        JobResult result = ocr.execute(WorkerFixture.context(job));
        assertThat(result).as("%s", result).isInstanceOf(OcrSucceeded.class);
        assertThat(result.jobId()).isEqualTo(job.jobId());
        return (OcrSucceeded) result;
    }

    private OcrFailed failed(OcrExecutor ocr, byte[] content) throws Exception {
        Job job = fixture.job(JobKind.OCR, content, Duration.ofMinutes(2));
        JobResult result = ocr.execute(WorkerFixture.context(job));
        assertThat(result).as("%s", result).isInstanceOf(OcrFailed.class);
        return (OcrFailed) result;
    }

    private String text(OcrSucceeded ok) throws Exception {
        return fixture.blobs().readText(BlobRef.parse(ok.textRef()));
    }
}
