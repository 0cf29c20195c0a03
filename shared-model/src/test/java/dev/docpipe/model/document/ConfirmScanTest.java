package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.given;
import static dev.docpipe.model.document.DocumentFixture.givenNoDocument;
import static dev.docpipe.model.document.DocumentFixture.givenState;
import static dev.docpipe.model.document.TestData.LEASES;
import static dev.docpipe.model.document.TestData.NOW;
import static dev.docpipe.model.document.TestData.SCAN_JOB_1;
import static dev.docpipe.model.document.TestData.SCAN_JOB_2;
import static dev.docpipe.model.document.TestData.commandId;
import static dev.docpipe.model.document.TestData.registered;
import static dev.docpipe.model.document.TestData.scanFailed;
import static dev.docpipe.model.document.TestData.scanRequested;
import static dev.docpipe.model.document.TestData.scanned;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ConfirmScan: from SCANNED exactly one OCR job; idempotent once confirmed; refused before the scan is done. */
class ConfirmScanTest {
    @Test
    void scannedDocumentIsConfirmedAndOneOcrJobIsRequested() {
        var then = givenState(DocumentState.SCANNED)
                .when(new ConfirmScan())
                .expect(ACCEPTED, Reason.OCR_QUEUED, ScanConfirmed.class, OcrRequested.class)
                .expectState(DocumentState.OCR_PENDING);

        assertThat(then.event(0, ScanConfirmed.class).scanAttempt()).isEqualTo(1);
        OcrRequested requested = then.event(1, OcrRequested.class);
        Job job = requested.job();
        assertThat(requested.issue()).isEqualTo(1);
        assertThat(job.kind()).isEqualTo(JobKind.OCR);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.engineVersion()).isNull();
        assertThat(job.file()).isEqualTo(TestData.FILE);
        assertThat(job.deadline()).isEqualTo(NOW.plus(LEASES.ocrLease()));

        Document after = then.document();
        assertThat(after.currentJob().jobId()).isEqualTo(job.jobId());
        assertThat(after.currentJob().kind()).isEqualTo(JobKind.OCR);
        assertThat(after.ocr().attempt()).isEqualTo(1);
    }

    @Test
    void confirmationNamesTheScanAttemptThatWasConfirmed() {
        var then = given(registered(), scanRequested(SCAN_JOB_1, 1), scanned(SCAN_JOB_1, 1),
                scanRequested(SCAN_JOB_2, 2), scanned(SCAN_JOB_2, 2))
                .when(new ConfirmScan())
                .expect(ACCEPTED, Reason.OCR_QUEUED, ScanConfirmed.class, OcrRequested.class);

        assertThat(then.event(0, ScanConfirmed.class).scanAttempt()).isEqualTo(2);
        assertThat(then.document().scan()).isEqualTo(new ScanStatus(2, TestData.REPORT));
    }

    @Test
    void scannedAgainAfterAFailedScanCanBeConfirmed() {
        given(registered(), scanRequested(SCAN_JOB_1, 1), scanFailed(SCAN_JOB_1, 1),
                scanRequested(SCAN_JOB_2, 2), scanned(SCAN_JOB_2, 2))
                .when(new ConfirmScan())
                .expect(ACCEPTED, Reason.OCR_QUEUED, ScanConfirmed.class, OcrRequested.class);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"OCR_PENDING", "EXTRACTED", "OCR_FAILED", "VALIDATED"})
    void alreadyConfirmedIsAlreadyDone(DocumentState state) {
        givenState(state).when(new ConfirmScan()).expect(ALREADY_DONE, Reason.ALREADY_CONFIRMED);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentState.class, names = {"SCAN_PENDING", "SCAN_FAILED"})
    void scanNotFinishedOrFailedIsRejected(DocumentState state) {
        givenState(state).when(new ConfirmScan()).expect(REJECTED, Reason.SCAN_NOT_READY);
    }

    @Test
    void unknownDocumentIsRejected() {
        givenNoDocument().when(new ConfirmScan()).expect(REJECTED, Reason.DOCUMENT_NOT_FOUND);
    }

    @Test
    void manyConfirmationsOfOneDocumentEmitExactlyOneOcrJob() {
        DocumentFixture fixture = givenState(DocumentState.SCANNED);
        List<DocumentEvent> emitted = new ArrayList<>();
        int accepted = 0;
        for (int i = 1; i <= 10; i++) {
            var then = fixture.when(TestData.command(commandId(i), new ConfirmScan()));
            if (i == 1) {
                then.expect(ACCEPTED, Reason.OCR_QUEUED, ScanConfirmed.class, OcrRequested.class);
                accepted++;
            } else {
                then.expect(ALREADY_DONE, Reason.ALREADY_CONFIRMED);
            }
            emitted.addAll(then.events());
            fixture = then.next();
        }
        assertThat(accepted).isEqualTo(1);
        assertThat(emitted).filteredOn(OcrRequested.class::isInstance).hasSize(1);
    }
}
