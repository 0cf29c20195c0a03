package dev.docpipe.model.json;

import static dev.docpipe.model.document.TestData.CHILD;
import static dev.docpipe.model.document.TestData.DOC;
import static dev.docpipe.model.document.TestData.FILE;
import static dev.docpipe.model.document.TestData.OWNER;
import static dev.docpipe.model.document.TestData.REPORT;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One value of every wire type, with optional fields both set and left null. */
final class Samples {
    static final Instant AT = Instant.parse("2025-03-01T10:15:30.123456789Z");
    static final UUID ID_1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID ID_2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID ID_3 = UUID.fromString("00000000-0000-4000-8000-000000000003");

    static final FileRef FILE_WITHOUT_NAME = new FileRef("sha256:" + "00".repeat(32), "application/pdf", 0, null);
    static final ScanReport SPARSE_REPORT = new ScanReport("application/pdf", null, null, null, null, null, null, null);
    static final ReviewPatch FULL_PATCH =
            new ReviewPatch("Zeugnis", "Mathe", "de", List.of("zeugnis", "2025"), "Korrigierter Text\nmit Umlauten äöü");
    static final ReviewPatch PARTIAL_PATCH = new ReviewPatch(null, null, "en", List.of(), null);
    /** Sealed values as the API writes them since commands v2 / events v3 (docs/decisions/0012). */
    static final String SEALED_1 = "dp1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIj";
    static final String SEALED_2 = "dp1:ZGF0YS1rZXktc2VhbGVkLXZhbHVlLTI";
    static final FileRef SEALED_FILE = new FileRef("sha256:" + "ab".repeat(32), "image/jpeg", 123_456, SEALED_1);
    static final ReviewPatch SEALED_PATCH = new ReviewPatch(SEALED_1, SEALED_2, "de", List.of(SEALED_2, SEALED_1), SEALED_1);
    static final String TEXT_REF = "sha256:" + "ef".repeat(32);

    static final Job SCAN_JOB = new Job(ID_1, DOC, JobKind.SCAN, 1, FILE, AT, null);
    static final Job OCR_JOB = new Job(ID_2, DOC, JobKind.OCR, 3, FILE_WITHOUT_NAME, AT.plusSeconds(600), "5.3.0");

    private Samples() {}

    static List<CommandPayload> payloads() {
        return List.of(new RegisterDocument(CHILD, FILE), new RegisterDocument(CHILD, FILE_WITHOUT_NAME),
                new ConfirmScan(), new Rescan(2), new EditReview(3, FULL_PATCH), new EditReview(0, PARTIAL_PATCH),
                new ValidateReview(3), new RetryOcr(1), new ReprocessOcr("5.3.0"),
                new EraseDocument(), new RegisterDocument(CHILD, SEALED_FILE), new EditReview(4, SEALED_PATCH));
    }

    static Command command(CommandPayload payload) {
        return new Command(ID_3, DOC, AT, OWNER, payload);
    }

    static List<Command> commands() {
        return payloads().stream().map(Samples::command).toList();
    }

    static List<DocumentEvent> events() {
        return List.of(
                new DocumentRegistered(CHILD, OWNER, FILE),
                new ScanRequested(SCAN_JOB, 1),
                new DocumentScanned(ID_1, 1, REPORT),
                new DocumentScanned(ID_1, 2, SPARSE_REPORT),
                new ScanAttemptFailed(ID_1, 1, "CORRUPT_FILE", false, "no JPEG header"),
                new ScanAttemptFailed(ID_1, 3, "LEASE_EXHAUSTED", true, null),
                new ScanConfirmed(2),
                new OcrRequested(OCR_JOB, 2),
                new TextExtracted(ID_2, 3, "sha256:" + "cd".repeat(32), 1_234, "tesseract", "5.3.0"),
                new TextExtracted(ID_2, 3, "sha256:" + "cd".repeat(32), 0, null, "v1"),
                new OcrAttemptFailed(ID_2, 3, "OCR_ENGINE_MISSING", true, null),
                new ReviewEdited(FULL_PATCH, 1),
                new ReviewEdited(PARTIAL_PATCH, 7),
                new DocumentValidated(7),
                new StaleJobResultIgnored(ID_1, "ScanSucceeded", ID_2),
                new StaleJobResultIgnored(ID_1, "OcrFailed", null),
                new JobLeaseExpired(ID_2, JobKind.OCR, 3, AT),
                new DocumentErased(List.of("sha256:" + "ab".repeat(32), "sha256:" + "cd".repeat(32), TEXT_REF)),
                new DocumentErased(List.of()),
                new ErasedDocumentResultDiscarded(ID_2, TEXT_REF),
                new ErasedDocumentResultDiscarded(ID_1, null),
                new StaleJobResultIgnored(ID_2, "OcrSucceeded", ID_1, TEXT_REF),
                new DocumentRegistered(CHILD, OWNER, SEALED_FILE),
                new ReviewEdited(SEALED_PATCH, 8));
    }

    static RecordedEvent recorded(DocumentEvent event) {
        return new RecordedEvent(ID_3, DOC, 42, AT, ID_1, event);
    }

    static List<RecordedEvent> recordedEvents() {
        return events().stream().map(Samples::recorded).toList();
    }

    static List<JobResult> results() {
        return List.of(
                new ScanSucceeded(ID_1, DOC, AT, REPORT),
                new ScanSucceeded(ID_1, DOC, AT, SPARSE_REPORT),
                new ScanFailed(ID_1, DOC, AT, "UNSUPPORTED_TYPE", false, "image/heic"),
                new ScanFailed(ID_1, DOC, AT, "CORRUPT_FILE", true, null),
                new OcrSucceeded(ID_2, DOC, AT, "sha256:" + "ef".repeat(32), 4_321, "tesseract", "5.3.0"),
                new OcrFailed(ID_2, DOC, AT, "OCR_ENGINE_MISSING", true, null));
    }

    static List<Job> jobs() {
        return List.of(SCAN_JOB, OCR_JOB, new Job(ID_3, DOC, JobKind.OCR, 1, SEALED_FILE, AT, null));
    }

    static List<CommandOutcome> outcomes() {
        CommandOutcome accepted = new CommandOutcome(ID_3, DOC, "ConfirmScan", OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED,
                null, DocumentState.OCR_PENDING, 5, 0, 1, List.of(ID_2), AT);
        CommandOutcome notFound = new CommandOutcome(ID_3, DOC, "Rescan", OutcomeStatus.REJECTED,
                Reason.DOCUMENT_NOT_FOUND, null, null, 0, 0, 0, List.of(), AT);
        CommandOutcome stale = new CommandOutcome(ID_3, DOC, "EditReview", OutcomeStatus.STALE, Reason.STALE_WRITE,
                null, DocumentState.EXTRACTED, 9, 4, 2, null, AT);
        return List.of(accepted, notFound, stale, accepted.asDuplicate(AT.plusSeconds(5)),
                accepted.asDuplicate(AT).asDuplicate(AT.plusSeconds(9)));
    }
}
