package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.given;
import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.DOC;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.OCR_JOB_1;
import static dev.docpipe.model.document.TestData.OTHER_REPORT;
import static dev.docpipe.model.document.TestData.REPORT;
import static dev.docpipe.model.document.TestData.SCAN_JOB_1;
import static dev.docpipe.model.document.TestData.SCAN_JOB_2;
import static dev.docpipe.model.document.TestData.ocrFailedResult;
import static dev.docpipe.model.document.TestData.ocrSucceeded;
import static dev.docpipe.model.document.TestData.registered;
import static dev.docpipe.model.document.TestData.scanFailedResult;
import static dev.docpipe.model.document.TestData.scanRequested;
import static dev.docpipe.model.document.TestData.scanSucceeded;
import static dev.docpipe.model.document.TestData.scanned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanSucceeded;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Results are fenced by jobId: only the current job of the right kind changes the document. */
class JobResultFencingTest {
    private static final UUID UNKNOWN_JOB = UUID.fromString("00000000-0000-4000-8000-00000000dead");

    /** Attempt 1 was scanned and rescanned: SCAN_JOB_2 is the current job, SCAN_JOB_1 is superseded. */
    private static DocumentFixture rescanInFlight() {
        return given(registered(), scanRequested(SCAN_JOB_1, 1), scanned(SCAN_JOB_1, 1), scanRequested(SCAN_JOB_2, 2));
    }

    /**
     * Nothing changes but the version, and the text blob of a stale OCR success, remembered so that erasure
     * purges it too.
     */
    private static void expectIgnored(DocumentFixture fixture, JobResult result, UUID currentJob) {
        String textRef = result instanceof OcrSucceeded ocr ? ocr.textRef() : null;
        var then = fixture.whenResult(result).expectEvents(StaleJobResultIgnored.class);
        assertThat(then.event(0, StaleJobResultIgnored.class))
                .isEqualTo(new StaleJobResultIgnored(result.jobId(), result.type(), currentJob, textRef));
        assertThat(then.document()).usingRecursiveComparison().ignoringFields("version", "formerTextRefs")
                .isEqualTo(fixture.document());
        if (textRef != null) {
            assertThat(then.document().blobRefs()).contains(textRef);
        } else {
            assertThat(then.document().formerTextRefs()).isEqualTo(fixture.document().formerTextRefs());
        }
    }

    @Test
    void scanSucceededForTheCurrentJobScansTheDocument() {
        var then = givenState(DocumentState.SCAN_PENDING)
                .whenResult(scanSucceeded(SCAN_JOB_1))
                .expectEvents(DocumentScanned.class)
                .expectState(DocumentState.SCANNED);

        assertThat(then.event(0, DocumentScanned.class)).isEqualTo(new DocumentScanned(SCAN_JOB_1, 1, REPORT));
        assertThat(then.document().currentJob()).isNull();
    }

    @Test
    void scanFailedForTheCurrentJobFailsTheScan() {
        var then = givenState(DocumentState.SCAN_PENDING)
                .whenResult(scanFailedResult(SCAN_JOB_1))
                .expectEvents(ScanAttemptFailed.class)
                .expectState(DocumentState.SCAN_FAILED);

        assertThat(then.event(0, ScanAttemptFailed.class))
                .isEqualTo(new ScanAttemptFailed(SCAN_JOB_1, 1, "UNSUPPORTED_TYPE", false, "image/heic"));
    }

    @Test
    void ocrSucceededForTheCurrentJobExtractsTheText() {
        OcrSucceeded result = ocrSucceeded(OCR_JOB_1, "v1");
        var then = givenState(DocumentState.OCR_PENDING)
                .whenResult(result)
                .expectEvents(TextExtracted.class)
                .expectState(DocumentState.EXTRACTED);

        assertThat(then.event(0, TextExtracted.class)).isEqualTo(
                new TextExtracted(OCR_JOB_1, 1, result.textRef(), result.textLength(), "tesseract", "v1"));
        assertThat(then.document().ocr().engineVersion()).isEqualTo("v1");
    }

    @Test
    void ocrFailedForTheCurrentJobFailsTheOcr() {
        var then = givenState(DocumentState.OCR_PENDING)
                .whenResult(ocrFailedResult(OCR_JOB_1))
                .expectEvents(OcrAttemptFailed.class)
                .expectState(DocumentState.OCR_FAILED);

        assertThat(then.event(0, OcrAttemptFailed.class))
                .isEqualTo(new OcrAttemptFailed(OCR_JOB_1, 1, "CORRUPT_FILE", false, "unreadable page 2"));
        assertThat(then.document().lastFailure()).isEqualTo("CORRUPT_FILE");
    }

    @Test
    void resultOfASupersededScanIsIgnoredWhileTheNewScanRuns() {
        expectIgnored(rescanInFlight(), scanSucceeded(SCAN_JOB_1, OTHER_REPORT), SCAN_JOB_2);
        expectIgnored(rescanInFlight(), scanFailedResult(SCAN_JOB_1), SCAN_JOB_2);
    }

    @Test
    void lateResultOfASupersededScanNeverOverwritesTheNewerOne() {
        DocumentFixture newerScanned = rescanInFlight().and(scanned(SCAN_JOB_2, 2));

        expectIgnored(newerScanned, scanSucceeded(SCAN_JOB_1, OTHER_REPORT), null);
        assertThat(newerScanned.whenResult(scanSucceeded(SCAN_JOB_1, OTHER_REPORT)).document().scan())
                .isEqualTo(new ScanStatus(2, REPORT));
    }

    @Test
    void repeatedResultAfterAcceptanceIsIgnored() {
        ScanSucceeded result = scanSucceeded(SCAN_JOB_1);
        DocumentFixture accepted = givenState(DocumentState.SCAN_PENDING).whenResult(result).next();

        expectIgnored(accepted, result, null);
        expectIgnored(givenState(DocumentState.EXTRACTED), ocrSucceeded(OCR_JOB_1, "v1"), null);
    }

    @Test
    void resultOfTheWrongKindIsIgnored() {
        // the OCR job's id on a scan result, and the scan job's id on an OCR result
        expectIgnored(givenState(DocumentState.OCR_PENDING), scanSucceeded(OCR_JOB_1), OCR_JOB_1);
        expectIgnored(givenState(DocumentState.OCR_PENDING), scanFailedResult(OCR_JOB_1), OCR_JOB_1);
        expectIgnored(givenState(DocumentState.SCAN_PENDING), ocrSucceeded(SCAN_JOB_1, "v1"), SCAN_JOB_1);
        expectIgnored(givenState(DocumentState.SCAN_PENDING), ocrFailedResult(SCAN_JOB_1), SCAN_JOB_1);
    }

    @Test
    void resultOfAnUnknownJobIsIgnored() {
        expectIgnored(givenState(DocumentState.SCAN_PENDING), scanSucceeded(UNKNOWN_JOB), SCAN_JOB_1);
        expectIgnored(givenState(DocumentState.OCR_PENDING), ocrSucceeded(UNKNOWN_JOB, "v1"), OCR_JOB_1);
        expectIgnored(givenState(DocumentState.VALIDATED), new ScanSucceeded(UNKNOWN_JOB, DOC, NOW, REPORT), null);
    }

    @Test
    void resultOfTheScanJobAfterConfirmationIsIgnored() {
        expectIgnored(givenState(DocumentState.OCR_PENDING), scanSucceeded(SCAN_JOB_1, OTHER_REPORT), OCR_JOB_1);
    }
}
