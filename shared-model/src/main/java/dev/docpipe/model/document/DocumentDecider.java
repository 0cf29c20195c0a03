package dev.docpipe.model.document;

import static dev.docpipe.model.outcome.OutcomeStatus.ALREADY_DONE;
import static dev.docpipe.model.outcome.OutcomeStatus.IN_PROGRESS;
import static dev.docpipe.model.outcome.OutcomeStatus.REJECTED;
import static dev.docpipe.model.outcome.OutcomeStatus.STALE;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.command.ReprocessOcr;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.model.event.DocumentErased;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.DocumentScanned;
import dev.docpipe.model.event.DocumentValidated;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.JobLeaseExpired;
import dev.docpipe.model.event.OcrAttemptFailed;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanAttemptFailed;
import dev.docpipe.model.event.ScanConfirmed;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.event.TextExtracted;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobIds;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.job.OcrFailed;
import dev.docpipe.model.job.OcrSucceeded;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.job.ScanSucceeded;
import dev.docpipe.model.outcome.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rules of docs/design.md in one place: given a document's state and one input (a command, a
 * job result, the clock), which events happen. Pure: no I/O, no clock of its own, and job ids are
 * derived from the input, so the same input on the same state always gives the same answer.
 */
public final class DocumentDecider {
    /** Why a job failed when its lease ran out once too often. */
    public static final String LEASE_EXHAUSTED = "LEASE_EXHAUSTED";

    private final LeasePolicy leases;

    public DocumentDecider(LeasePolicy leases) {
        this.leases = leases;
    }

    /** Decides a command; {@code document} is null when the document is unknown. */
    public Decision decide(Document document, Command command, Instant now) {
        if (command.payload() instanceof RegisterDocument register) {
            return document != null
                    ? Decision.nothing(ALREADY_DONE, Reason.DOCUMENT_EXISTS)
                    : Decision.accepted(Reason.DOCUMENT_REGISTERED,
                            new DocumentRegistered(register.childId(), command.actor(), register.file()),
                            new ScanRequested(job(command, register.file(), JobKind.SCAN, 1, null, now), 1));
        }
        if (document == null) {
            return Decision.nothing(REJECTED, Reason.DOCUMENT_NOT_FOUND);
        }
        if (document.isErased()) {
            return command.payload() instanceof EraseDocument
                    ? Decision.nothing(ALREADY_DONE, Reason.DOCUMENT_ERASED)
                    : Decision.nothing(REJECTED, Reason.DOCUMENT_ERASED);
        }
        return switch (command.payload()) {
            case RegisterDocument r -> throw new AssertionError("handled above");
            case ConfirmScan c -> confirmScan(document, command, now);
            case Rescan r -> rescan(document, command, r, now);
            case EditReview e -> editReview(document, e);
            case ValidateReview v -> validate(document, v);
            case RetryOcr r -> retryOcr(document, command, r, now);
            case ReprocessOcr r -> reprocessOcr(document, command, r, now);
            // The lease in flight is dropped with the rest: no re-issue, and its result is discarded.
            case EraseDocument e -> Decision.accepted(Reason.DOCUMENT_ERASED, new DocumentErased(document.blobRefs()));
        };
    }

    private Decision confirmScan(Document document, Command command, Instant now) {
        return switch (document.state()) {
            case SCANNED -> Decision.accepted(Reason.OCR_QUEUED,
                    new ScanConfirmed(document.scan().attempt()),
                    new OcrRequested(job(command, document.file(), JobKind.OCR, document.ocr().attempt() + 1, null, now), 1));
            case OCR_PENDING, EXTRACTED, OCR_FAILED, VALIDATED -> Decision.nothing(ALREADY_DONE, Reason.ALREADY_CONFIRMED);
            case SCAN_PENDING, SCAN_FAILED -> Decision.nothing(REJECTED, Reason.SCAN_NOT_READY);
            case ERASED -> throw new AssertionError("handled in decide");
        };
    }

    private Decision rescan(Document document, Command command, Rescan rescan, Instant now) {
        int current = document.scan().attempt();
        if (document.state().isConfirmed()) {
            return Decision.nothing(REJECTED, Reason.ALREADY_CONFIRMED);
        }
        // Checked before "in flight": a retry of a rescan that was already served is done, not running.
        if (rescan.supersedesAttempt() < current) {
            return Decision.nothing(ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED);
        }
        if (rescan.supersedesAttempt() > current) {
            return Decision.nothing(REJECTED, Reason.UNKNOWN_ATTEMPT);
        }
        if (document.state() == DocumentState.SCAN_PENDING) {
            return Decision.nothing(IN_PROGRESS, Reason.SCAN_IN_PROGRESS);
        }
        return Decision.accepted(Reason.SCAN_QUEUED,
                new ScanRequested(job(command, document.file(), JobKind.SCAN, current + 1, null, now), 1));
    }

    private Decision editReview(Document document, EditReview edit) {
        if (document.state() != DocumentState.EXTRACTED) {
            return Decision.nothing(REJECTED, Reason.NOT_REVIEWABLE);
        }
        if (edit.expectedReviewVersion() != document.review().version()) {
            return Decision.nothing(STALE, Reason.STALE_WRITE);
        }
        if (edit.patch().changesNothing()) {
            return Decision.nothing(REJECTED, Reason.EMPTY_PATCH);
        }
        return Decision.accepted(Reason.REVIEW_UPDATED,
                new ReviewEdited(edit.patch(), document.review().version() + 1));
    }

    private Decision validate(Document document, ValidateReview validate) {
        boolean sameVersion = validate.expectedReviewVersion() == document.review().version();
        return switch (document.state()) {
            case EXTRACTED -> sameVersion
                    ? Decision.accepted(Reason.VALIDATED, new DocumentValidated(document.review().version()))
                    : Decision.nothing(STALE, Reason.STALE_WRITE);
            case VALIDATED -> sameVersion
                    ? Decision.nothing(ALREADY_DONE, Reason.ALREADY_VALIDATED)
                    : Decision.nothing(STALE, Reason.STALE_WRITE);
            default -> Decision.nothing(REJECTED, Reason.NOT_REVIEWABLE);
        };
    }

    private Decision retryOcr(Document document, Command command, RetryOcr retry, Instant now) {
        int current = document.ocr().attempt();
        // Checked before the state: a retry of an attempt that was already retried is done, whatever followed,
        // however long after its command id was forgotten.
        if (retry.failedAttempt() < current) {
            return Decision.nothing(ALREADY_DONE, Reason.ALREADY_RETRIED);
        }
        return switch (document.state()) {
            case OCR_FAILED -> retry.failedAttempt() == current
                    ? Decision.accepted(Reason.OCR_QUEUED, new OcrRequested(job(command, document.file(),
                            JobKind.OCR, current + 1, document.ocr().requestedEngineVersion(), now), 1))
                    : Decision.nothing(REJECTED, Reason.UNKNOWN_ATTEMPT);
            case OCR_PENDING -> Decision.nothing(REJECTED, Reason.OCR_IN_PROGRESS);
            default -> Decision.nothing(REJECTED, Reason.OCR_NOT_FAILED);
        };
    }

    private Decision reprocessOcr(Document document, Command command, ReprocessOcr reprocess, Instant now) {
        String target = reprocess.engineVersion();
        OcrStatus ocr = document.ocr();
        boolean served = !EngineVersions.isNewer(target, ocr.servedEngineVersion());
        return switch (document.state()) {
            case EXTRACTED, VALIDATED, OCR_FAILED -> served
                    ? Decision.nothing(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT)
                    // After a failed request the same backfill is a new try: the outcome log says so.
                    : Decision.accepted(ocr.lastRequestFailed() ? Reason.OCR_QUEUED_AFTER_FAILURE : Reason.OCR_QUEUED,
                            new OcrRequested(job(command, document.file(), JobKind.OCR, ocr.attempt() + 1, target,
                                    now), 1));
            case OCR_PENDING -> served
                    ? Decision.nothing(ALREADY_DONE, Reason.ENGINE_VERSION_CURRENT)
                    : Decision.nothing(IN_PROGRESS, Reason.OCR_IN_PROGRESS);
            case SCAN_PENDING, SCANNED, SCAN_FAILED -> Decision.nothing(REJECTED, Reason.NOT_EXTRACTED);
            case ERASED -> throw new AssertionError("handled in decide");
        };
    }

    /**
     * A worker's result: accepted only from the document's current job, of the right kind; anything
     * else (late, superseded, re-issued, repeated) is recorded as stale and changes nothing.
     */
    public List<DocumentEvent> onResult(Document document, JobResult result) {
        String textRef = result instanceof OcrSucceeded ocr ? ocr.textRef() : null;
        if (document.isErased()) {
            return List.of(new ErasedDocumentResultDiscarded(result.jobId(), textRef));
        }
        JobLease lease = document.currentJob();
        if (lease == null || !lease.jobId().equals(result.jobId()) || lease.kind() != result.kind()) {
            return List.of(new StaleJobResultIgnored(result.jobId(), result.type(), lease == null ? null : lease.jobId(),
                    textRef));
        }
        DocumentEvent accepted = switch (result) {
            case ScanSucceeded r -> new DocumentScanned(r.jobId(), lease.attempt(), r.report());
            case ScanFailed r -> new ScanAttemptFailed(r.jobId(), lease.attempt(), r.reason(), r.retryable(), r.detail());
            case OcrSucceeded r -> new TextExtracted(r.jobId(), lease.attempt(), r.textRef(), r.textLength(), r.engine(),
                    r.engineVersion());
            case OcrFailed r -> new OcrAttemptFailed(r.jobId(), lease.attempt(), r.reason(), r.retryable(), r.detail());
        };
        return List.of(accepted);
    }

    /**
     * The clock passed the current job's deadline: re-issue it under a new job id, or, once the
     * intent was dispatched {@link LeasePolicy#maxIssues} times, fail the document.
     */
    public List<DocumentEvent> onClock(Document document, Instant now) {
        JobLease lease = document.currentJob();
        // An erased document has no lease; the check stays in case a store value from before says otherwise.
        if (lease == null || !lease.expiredAt(now) || document.isErased()) {
            return List.of();
        }
        JobLeaseExpired expired = new JobLeaseExpired(lease.jobId(), lease.kind(), lease.attempt(), lease.deadline());
        if (lease.issue() >= leases.maxIssues()) {
            String detail = "no result after " + lease.issue() + " dispatches";
            DocumentEvent failure = lease.kind() == JobKind.SCAN
                    ? new ScanAttemptFailed(lease.jobId(), lease.attempt(), LEASE_EXHAUSTED, true, detail)
                    : new OcrAttemptFailed(lease.jobId(), lease.attempt(), LEASE_EXHAUSTED, true, detail);
            return List.of(expired, failure);
        }
        Job next = new Job(JobIds.reissueOf(lease.jobId()), document.documentId(), lease.kind(),
                lease.attempt() + 1, document.file(), now.plus(leases.leaseFor(lease.kind())), lease.engineVersion());
        DocumentEvent reissue = lease.kind() == JobKind.SCAN
                ? new ScanRequested(next, lease.issue() + 1)
                : new OcrRequested(next, lease.issue() + 1);
        return List.of(expired, reissue);
    }

    private Job job(Command cause, FileRef file, JobKind kind, int attempt, String engineVersion, Instant now) {
        UUID jobId = JobIds.forCommand(cause.commandId(), kind, attempt);
        return new Job(jobId, cause.documentId(), kind, attempt, file, now.plus(leases.leaseFor(kind)), engineVersion);
    }
}
