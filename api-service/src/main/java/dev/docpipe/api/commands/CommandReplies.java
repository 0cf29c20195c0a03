package dev.docpipe.api.commands;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.web.HttpReply;
import dev.docpipe.api.web.Replies;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Maps a command's outcome to HTTP (docs/design.md, "HTTP API"):
 *
 * <pre>
 * ACCEPTED      202 for work queued (upload, confirm-scan, rescan, retry-ocr), 200 for review edits and validation,
 *               204 for an erasure (nothing of the document is left to show)
 * ALREADY_DONE  200 (idempotent: what was asked for has happened); 204 for an erasure
 * IN_PROGRESS   409 code = reason (e.g. SCAN_IN_PROGRESS)
 * REJECTED      409 code = reason (SCAN_NOT_READY, ALREADY_CONFIRMED, NOT_REVIEWABLE, …; OCR_NOT_FAILED
 *               is code NOT_FAILED as docs/design.md names it; DOCUMENT_ERASED for any command after an
 *               erasure); 404 DOCUMENT_NOT_FOUND,
 *               422 EMPTY_PATCH and PROCESSING_ERROR
 * STALE         409 STALE_WRITE with currentReviewVersion
 * DUPLICATE     as the original status
 * no outcome    202 + Location /api/v1/commands/{commandId}
 * </pre>
 *
 * Every reply with an outcome carries the document's version after the command (body and ETag).
 */
@Component
public class CommandReplies {
    private static final String ERASE_DOCUMENT = EraseDocument.class.getSimpleName();

    private final Replies replies;

    public CommandReplies(Replies replies) {
        this.replies = replies;
    }

    public static String commandUrl(UUID commandId) {
        return "/api/v1/commands/" + commandId;
    }

    public static String documentUrl(UUID childId, UUID documentId) {
        return "/api/v1/children/" + childId + "/documents/" + documentId;
    }

    public HttpReply reply(CommandService.Submitted submitted, String instance) {
        UUID commandId = submitted.command().commandId();
        UUID documentId = submitted.command().documentId();
        CommandOutcome outcome = submitted.outcome();
        if (outcome == null) {
            return pending(commandId, documentId, submitted.command().type());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.ETAG, etag(outcome.documentVersion()));
        OutcomeStatus status = outcome.effectiveStatus();
        if (erased(outcome)) {
            return new HttpReply(204, headers, new byte[0]);
        }
        int http = switch (status) {
            case ACCEPTED -> queuesWork(outcome.commandType()) ? 202 : 200;
            case ALREADY_DONE -> 200;
            default -> 0;
        };
        if (http != 0) {
            if (http == 202) {
                headers.put(HttpHeaders.LOCATION, documentUrl(submitted.childId(), documentId));
            }
            return replies.json(http, CommandView.of(outcome), headers);
        }
        return replies.problem(refusal(outcome), instance, headers);
    }

    public HttpReply pending(UUID commandId, UUID documentId, String commandType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.LOCATION, commandUrl(commandId));
        headers.put(HttpHeaders.RETRY_AFTER, "1");
        return replies.json(202, CommandView.pending(commandId, documentId, commandType), headers);
    }

    /**
     * An erasure that happened, now or before (ALREADY_DONE: erased is erased). 204 without a body: the
     * document has nothing left to show, and an Idempotency-Key replay answers the same empty 204.
     */
    static boolean erased(CommandOutcome outcome) {
        OutcomeStatus status = outcome.effectiveStatus();
        return outcome.commandType().equals(ERASE_DOCUMENT)
                && (status == OutcomeStatus.ACCEPTED || status == OutcomeStatus.ALREADY_DONE);
    }

    private static boolean queuesWork(String commandType) {
        return !commandType.equals("EditReview") && !commandType.equals("ValidateReview");
    }

    static ApiProblem refusal(CommandOutcome outcome) {
        Reason reason = outcome.reason();
        HttpStatus status = switch (reason) {
            case DOCUMENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            // PROCESSING_ERROR: the pipeline could not decide this command and changed nothing. Not a 5xx:
            // the same command would fail the same way (no "retry later"), and a 5xx would leave an
            // Idempotency-Key claim open for a takeover that can only fail again. Not a 409 either:
            // nothing about the document's state refused it, so reloading it would not help.
            case EMPTY_PATCH, PROCESSING_ERROR -> HttpStatus.UNPROCESSABLE_CONTENT;
            default -> HttpStatus.CONFLICT;
        };
        ApiProblem problem = new ApiProblem(status, code(reason), detail(outcome))
                .with("commandId", outcome.commandId())
                .with("documentId", outcome.documentId())
                .with("outcome", outcome.effectiveStatus().name())
                .with("reason", reason.name());
        if (outcome.state() != null) {
            problem.with("state", outcome.state().name());
        }
        problem.with("version", outcome.documentVersion());
        if (reason == Reason.STALE_WRITE) {
            problem.with("currentReviewVersion", outcome.reviewVersion());
        }
        if ((reason == Reason.UNKNOWN_ATTEMPT || reason == Reason.ATTEMPT_SUPERSEDED)
                && outcome.commandType().equals("Rescan")) {
            problem.with("currentScanAttempt", outcome.scanAttempt());
        }
        return problem;
    }

    /** The problem code: the reason's name, except where docs/design.md names the HTTP code otherwise. */
    private static String code(Reason reason) {
        return reason == Reason.OCR_NOT_FAILED ? "NOT_FAILED" : reason.name();
    }

    private static String detail(CommandOutcome outcome) {
        return switch (outcome.reason()) {
            case SCAN_NOT_READY -> "the quick scan has not finished (or failed); confirm it once it is SCANNED";
            case SCAN_IN_PROGRESS -> "a scan is already running for this document";
            case ALREADY_CONFIRMED -> "the scan was already confirmed; it cannot be rescanned";
            case STALE_WRITE -> "the review changed since version you based this on; reload and retry";
            case NOT_REVIEWABLE -> "the document is not in a reviewable state";
            case UNKNOWN_ATTEMPT -> outcome.commandType().equals("RetryOcr")
                    ? "failedAttempt names an OCR attempt that does not exist yet"
                    : "supersedesAttempt names a scan attempt that does not exist yet";
            case OCR_NOT_FAILED -> "OCR has not failed for this document; there is nothing to retry";
            case OCR_IN_PROGRESS -> "OCR is already running for this document";
            case EMPTY_PATCH -> "the patch changes nothing";
            case DOCUMENT_NOT_FOUND -> "no such document";
            case DOCUMENT_ERASED -> "the document was erased; nothing can change it any more";
            case PROCESSING_ERROR -> "the pipeline could not process this command; nothing changed."
                    + " Sending it again will not help; the operators have it in the dead-letter topic";
            default -> "the command was refused: " + outcome.reason();
        };
    }

    /** The ETag of a command still waiting for its outcome (GET /commands/{id} answering 202). */
    public static final String PENDING_ETAG = "\"pending\"";

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
