package dev.docpipe.model.document;

import static dev.docpipe.model.document.DocumentFixture.givenNoDocument;
import static dev.docpipe.model.document.TestData.CHILD;
import static dev.docpipe.model.document.TestData.FILE;
import static dev.docpipe.model.document.TestData.REPORT;
import static dev.docpipe.model.document.TestData.TITLE_PATCH;
import static dev.docpipe.model.document.TestData.command;
import static dev.docpipe.model.document.TestData.commandId;
import static dev.docpipe.model.document.TestData.ocrSucceeded;
import static dev.docpipe.model.document.TestData.scanFailedResult;
import static dev.docpipe.model.document.TestData.scanSucceeded;
import static dev.docpipe.model.outcome.OutcomeStatus.ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.outcome.Reason;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole life of a document, folded event by event, with the document checked after every step. */
class HappyPathTest {
    @Test
    void registerScanConfirmExtractEditValidate() {
        // register: SCAN_PENDING, waiting for the scan job
        var registered = givenNoDocument()
                .when(command(commandId(1), new RegisterDocument(CHILD, FILE)))
                .expect(ACCEPTED, Reason.DOCUMENT_REGISTERED, DocumentRegistered.class, ScanRequested.class);
        Document doc = registered.document();
        UUID scanJob = registered.event(1, ScanRequested.class).job().jobId();
        assertThat(doc.state()).isEqualTo(DocumentState.SCAN_PENDING);
        assertThat(doc.version()).isEqualTo(2);
        assertThat(doc.scan()).isEqualTo(new ScanStatus(1, null));
        assertThat(doc.currentJob().jobId()).isEqualTo(scanJob);

        // the scan worker reports: SCANNED, no job pending
        var scanned = registered.next().whenResult(scanSucceeded(scanJob)).expectEvents(DocumentScanned.class);
        doc = scanned.document();
        assertThat(doc.state()).isEqualTo(DocumentState.SCANNED);
        assertThat(doc.version()).isEqualTo(3);
        assertThat(doc.scan()).isEqualTo(new ScanStatus(1, REPORT));
        assertThat(doc.currentJob()).isNull();

        // confirm: OCR_PENDING, waiting for the OCR job
        var confirmed = scanned.next()
                .when(command(commandId(2), new ConfirmScan()))
                .expect(ACCEPTED, Reason.OCR_QUEUED, ScanConfirmed.class, OcrRequested.class);
        doc = confirmed.document();
        UUID ocrJob = confirmed.event(1, OcrRequested.class).job().jobId();
        assertThat(ocrJob).isNotEqualTo(scanJob);
        assertThat(doc.state()).isEqualTo(DocumentState.OCR_PENDING);
        assertThat(doc.version()).isEqualTo(5);
        assertThat(doc.ocr().attempt()).isEqualTo(1);
        assertThat(doc.ocr().engineVersion()).isNull();
        assertThat(doc.currentJob().jobId()).isEqualTo(ocrJob);
        assertThat(doc.currentJob().kind()).isEqualTo(JobKind.OCR);

        // the OCR worker reports: EXTRACTED, no job pending
        OcrSucceeded text = ocrSucceeded(ocrJob, "5.3.0");
        var extracted = confirmed.next().whenResult(text).expectEvents(TextExtracted.class);
        doc = extracted.document();
        assertThat(doc.state()).isEqualTo(DocumentState.EXTRACTED);
        assertThat(doc.version()).isEqualTo(6);
        assertThat(doc.ocr()).isEqualTo(new OcrStatus(1, "tesseract", "5.3.0", null, text.textRef(), text.textLength(), false, null));
        assertThat(doc.currentJob()).isNull();

        // review edit: reviewVersion 1
        var edited = extracted.next()
                .when(command(commandId(3), new EditReview(0, TITLE_PATCH)))
                .expect(ACCEPTED, Reason.REVIEW_UPDATED, ReviewEdited.class);
        doc = edited.document();
        assertThat(doc.state()).isEqualTo(DocumentState.EXTRACTED);
        assertThat(doc.version()).isEqualTo(7);
        assertThat(doc.review().version()).isEqualTo(1);
        assertThat(doc.review().fields().title()).isEqualTo("Zeugnis");

        // validate: VALIDATED
        var validated = edited.next()
                .when(command(commandId(4), new ValidateReview(1)))
                .expect(ACCEPTED, Reason.VALIDATED, DocumentValidated.class);
        doc = validated.document();
        assertThat(doc.state()).isEqualTo(DocumentState.VALIDATED);
        assertThat(doc.version()).isEqualTo(8).isEqualTo(validated.next().history().size());
        assertThat(doc.review().version()).isEqualTo(1);
        assertThat(doc.scan()).isEqualTo(new ScanStatus(1, REPORT));
        assertThat(doc.currentJob()).isNull();
        assertThat(doc.lastFailure()).isNull();
    }

    @Test
    void failedScanIsRecordedAndClearedByASuccessfulRescan() {
        var registered = givenNoDocument().when(command(commandId(1), new RegisterDocument(CHILD, FILE)));
        UUID firstJob = registered.event(1, ScanRequested.class).job().jobId();

        var failed = registered.next().whenResult(scanFailedResult(firstJob)).expectEvents(ScanAttemptFailed.class);
        assertThat(failed.event(0, ScanAttemptFailed.class))
                .isEqualTo(new ScanAttemptFailed(firstJob, 1, "UNSUPPORTED_TYPE", false, "image/heic"));
        assertThat(failed.document().state()).isEqualTo(DocumentState.SCAN_FAILED);
        assertThat(failed.document().lastFailure()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(failed.document().currentJob()).isNull();

        var rescanned = failed.next()
                .when(command(commandId(2), new Rescan(1)))
                .expect(ACCEPTED, Reason.SCAN_QUEUED, ScanRequested.class);
        UUID secondJob = rescanned.event(0, ScanRequested.class).job().jobId();

        Document doc = rescanned.next().whenResult(scanSucceeded(secondJob)).expectEvents(DocumentScanned.class).document();
        assertThat(doc.state()).isEqualTo(DocumentState.SCANNED);
        assertThat(doc.scan()).isEqualTo(new ScanStatus(2, REPORT));
        assertThat(doc.lastFailure()).isNull();
        assertThat(doc.version()).isEqualTo(5);
    }

    @Test
    void recordedEventsCarryTheirCauseTimeAndADerivedId() {
        var then = givenNoDocument().when(command(commandId(1), new RegisterDocument(CHILD, FILE)));

        assertThat(then.recorded()).hasSize(2).allSatisfy(recorded -> {
            assertThat(recorded.documentId()).isEqualTo(TestData.DOC);
            assertThat(recorded.causationId()).isEqualTo(commandId(1));
            assertThat(recorded.occurredAt()).isEqualTo(TestData.NOW);
        });
        assertThat(then.recorded().get(0).eventId()).isNotEqualTo(then.recorded().get(1).eventId());
        assertThat(then.recorded().get(0).type()).isEqualTo("DocumentRegistered");
    }
}
