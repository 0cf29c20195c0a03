package dev.docpipe.workers.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.workers.testdocs.TestDocuments;
import dev.docpipe.workers.testdocs.WorkerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan on real generated files, without Kafka. */
class ScanExecutorTest {
    @TempDir
    Path blobDir;

    private WorkerFixture fixture;
    private ScanExecutor scan;

    @BeforeEach
    void setUp() {
        fixture = new WorkerFixture(blobDir);
        scan = fixture.scanExecutor();
    }

    @Test
    void pdfWithTextLayer() throws Exception {
        ScanReport report = succeeded(TestDocuments.pdfWithText(TestDocuments.ENGLISH, TestDocuments.ENGLISH));

        assertThat(report.detectedType()).isEqualTo("application/pdf");
        assertThat(report.pageCount()).isEqualTo(2);
        assertThat(report.hasTextLayer()).isTrue();
        assertThat(report.language()).isEqualTo("en");
        assertThat(report.qualityWarnings()).isEmpty();
    }

    @Test
    void germanTextIsRecognisedAsGerman() throws Exception {
        ScanReport report = succeeded(TestDocuments.pdfWithText("Die Hausaufgaben für Montag: Lies das dritte Kapitel "
                + "und beantworte die Fragen zum Wasserkreislauf. Bitte bring dein Heft mit in die Schule."));

        assertThat(report.language()).isEqualTo("de");
    }

    @Test
    void imageOnlyPdfHasNoTextLayerAndReportsTheScanResolution() throws Exception {
        ScanReport report = succeeded(TestDocuments.imageOnlyPdf(List.of(
                TestDocuments.scannedPage(List.of("Page one")), TestDocuments.scannedPage(List.of()))));

        assertThat(report.pageCount()).isEqualTo(2);
        assertThat(report.hasTextLayer()).isFalse();
        assertThat(report.widthPx()).isEqualTo(1240);
        assertThat(report.heightPx()).isEqualTo(1754);
        assertThat(report.dpi()).isEqualTo(150); // 1240 px over A4's 8.27 in
        assertThat(report.language()).isNull();
        assertThat(report.qualityWarnings())
                .containsExactlyInAnyOrder(QualityWarning.NO_TEXT_LAYER.name(), QualityWarning.BLANK_PAGE.name());
    }

    @Test
    void pngReportsDimensionsAndDeclaredResolution() throws Exception {
        ScanReport report = succeeded(TestDocuments.pngOfText(List.of("Reading list", "Chapter three"), 300));

        assertThat(report.detectedType()).isEqualTo("image/png");
        assertThat(report.pageCount()).isEqualTo(1);
        assertThat(report.widthPx()).isEqualTo(1800);
        assertThat(report.dpi()).isEqualTo(300);
        assertThat(report.hasTextLayer()).isFalse();
        assertThat(report.qualityWarnings()).isEmpty();
    }

    @Test
    void smallLowResolutionAndBlankImagesAreFlagged() throws Exception {
        assertThat(succeeded(TestDocuments.png(TestDocuments.textImage(400, 300, 20, List.of("tiny")), 72))
                .qualityWarnings())
                .containsExactlyInAnyOrder(QualityWarning.IMAGE_TOO_SMALL.name(), QualityWarning.LOW_RESOLUTION.name());
        assertThat(succeeded(TestDocuments.blankPng(1240, 1754)).qualityWarnings())
                .containsExactly(QualityWarning.BLANK_PAGE.name());
    }

    @Test
    void plainTextIsTextWithLanguage() throws Exception {
        ScanReport report = succeeded(TestDocuments.ENGLISH.getBytes(StandardCharsets.UTF_8));

        assertThat(report.detectedType()).isEqualTo("text/plain");
        assertThat(report.hasTextLayer()).isTrue();
        assertThat(report.language()).isEqualTo("en");
    }

    @Test
    void typeComesFromTheContentNotTheClaimedContentType() throws Exception {
        // The job says application/octet-stream and "upload" for every file; detection still works.
        assertThat(succeeded(TestDocuments.pdfWithText("x y z")).detectedType()).isEqualTo("application/pdf");
    }

    @Test
    void corruptPdfIsAPermanentFailure() throws Exception {
        ScanFailed failed = failed(TestDocuments.corruptPdf());
        assertThat(failed.reason()).isEqualTo("CORRUPT_FILE");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed(TestDocuments.corruptPng()).reason()).isEqualTo("CORRUPT_FILE");
    }

    @Test
    void zipIsUnsupported() throws Exception {
        ScanFailed failed = failed(TestDocuments.zip());
        assertThat(failed.reason()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.detail()).contains("application/zip");
    }

    @Test
    void missingBlobIsReportedAsSuch() throws Exception {
        Job job = WorkerFixture.job(JobKind.SCAN,
                new FileRef("sha256:" + "ab".repeat(32), "application/pdf", 10, "gone.pdf"), Duration.ofMinutes(1));
        JobResult result = scan.execute(WorkerFixture.context(job));
        assertThat(result).isInstanceOfSatisfying(ScanFailed.class, f -> {
            assertThat(f.reason()).isEqualTo("BLOB_MISSING");
            assertThat(f.jobId()).isEqualTo(job.jobId());
        });
    }

    private ScanReport succeeded(byte[] content) throws Exception {
        Job job = fixture.job(JobKind.SCAN, content, Duration.ofMinutes(1));
        JobResult result = scan.execute(WorkerFixture.context(job));
        assertThat(result).isInstanceOf(ScanSucceeded.class);
        assertThat(result.jobId()).isEqualTo(job.jobId());
        return ((ScanSucceeded) result).report();
    }

    private ScanFailed failed(byte[] content) throws Exception {
        Job job = fixture.job(JobKind.SCAN, content, Duration.ofMinutes(1));
        JobResult result = scan.execute(WorkerFixture.context(job));
        assertThat(result).isInstanceOf(ScanFailed.class);
        return (ScanFailed) result;
    }
}
