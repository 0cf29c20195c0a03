package dev.docpipe.api.documents;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.commands.CommandService;
import dev.docpipe.api.idempotency.IdempotencyKey;
import dev.docpipe.api.idempotency.IdempotentCommands;
import dev.docpipe.api.idempotency.RequestFingerprint;
import dev.docpipe.api.web.Replies;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.command.ValidateReview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The state-changing document endpoints: each request becomes one command on docpipe.commands, and
 * its outcome becomes the response (see {@link CommandReplies} for the mapping).
 */
@RestController
@RequestMapping("/api/v1/children/{childId}/documents/{documentId}")
@Tag(name = "documents")
public class DocumentCommandController {
    private final Ownership ownership;
    private final CommandService commands;
    private final CommandReplies commandReplies;
    private final IdempotentCommands idempotency;
    private final Replies replies;

    public DocumentCommandController(Ownership ownership, CommandService commands, CommandReplies commandReplies,
            IdempotentCommands idempotency, Replies replies) {
        this.ownership = ownership;
        this.commands = commands;
        this.commandReplies = commandReplies;
        this.idempotency = idempotency;
        this.replies = replies;
    }

    @PostMapping("/confirm-scan")
    @Operation(summary = "Confirm the quick scan; starts OCR exactly once", responses = {
            @ApiResponse(responseCode = "202", description = "OCR queued now (this request confirmed the scan)"),
            @ApiResponse(responseCode = "200", description = "already confirmed: nothing new happens"),
            @ApiResponse(responseCode = "409", description = "SCAN_NOT_READY: the scan has not finished or failed;"
                    + " DOCUMENT_ERASED: the document was erased"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> confirmScan(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            HttpServletRequest request) {
        return send(caller, childId, documentId, key, request, null, new ConfirmScan());
    }

    @PostMapping("/rescan")
    @Operation(summary = "Scan again, superseding the attempt the client saw (supersedesAttempt)", responses = {
            @ApiResponse(responseCode = "202", description = "scan queued"),
            @ApiResponse(responseCode = "200", description = "that attempt was already superseded: nothing new"),
            @ApiResponse(responseCode = "409", description = "SCAN_IN_PROGRESS, ALREADY_CONFIRMED, or UNKNOWN_ATTEMPT"
                    + " (supersedesAttempt is newer than the document's attempt), or DOCUMENT_ERASED"),
            @ApiResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: no supersedesAttempt"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> rescan(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @RequiredBodyDoc @RequestBody(required = false) Requests.RescanRequest body, HttpServletRequest request) {
        Requests.RescanRequest.check(body);
        return send(caller, childId, documentId, key, request, body, new Rescan(body.supersedesAttempt()));
    }

    @PostMapping("/retry-ocr")
    @Operation(summary = "Run OCR again after it failed, naming the failed attempt (failedAttempt)", responses = {
            @ApiResponse(responseCode = "202", description = "OCR queued"),
            @ApiResponse(responseCode = "200", description = "that attempt was already retried: nothing new"),
            @ApiResponse(responseCode = "409", description = "NOT_FAILED (OCR has not failed), OCR_IN_PROGRESS,"
                    + " UNKNOWN_ATTEMPT (failedAttempt is newer than the document's attempt), or DOCUMENT_ERASED"),
            @ApiResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: no failedAttempt"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> retryOcr(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @RequiredBodyDoc @RequestBody(required = false) Requests.RetryOcrRequest body, HttpServletRequest request) {
        Requests.RetryOcrRequest.check(body);
        return send(caller, childId, documentId, key, request, body, new RetryOcr(body.failedAttempt()));
    }

    @PatchMapping(value = "/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Edit the reviewed fields (optimistic: expectedReviewVersion)", responses = {
            @ApiResponse(responseCode = "200", description = "edited; body has the new reviewVersion"),
            @ApiResponse(responseCode = "409", description = "STALE_WRITE with currentReviewVersion, NOT_REVIEWABLE,"
                    + " or DOCUMENT_ERASED"),
            @ApiResponse(responseCode = "422", description = "EMPTY_PATCH, PROTECTED_FIELD"),
            @ApiResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: no expectedReviewVersion"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> review(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @RequestBody Requests.ReviewRequest body, HttpServletRequest request) {
        body.check();
        return send(caller, childId, documentId, key, request, body,
                new EditReview(body.expectedReviewVersion(), body.patch().toModel()));
    }

    @PostMapping("/validate")
    @Operation(summary = "Sign off the review at the version the client saw (expectedReviewVersion)", responses = {
            @ApiResponse(responseCode = "200", description = "validated (or already validated at that version)"),
            @ApiResponse(responseCode = "409", description = "STALE_WRITE with currentReviewVersion, NOT_REVIEWABLE,"
                    + " or DOCUMENT_ERASED"),
            @ApiResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: no expectedReviewVersion"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> validate(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @RequiredBodyDoc @RequestBody(required = false) Requests.ValidateRequest body, HttpServletRequest request) {
        Requests.ValidateRequest.check(body);
        return send(caller, childId, documentId, key, request, body,
                new ValidateReview(body.expectedReviewVersion()));
    }

    @DeleteMapping
    @Operation(summary = "Erase the document: its personal data is destroyed everywhere docpipe keeps it",
            description = """
                    Erases the file, its file name, the extracted text and the review fields (their data key is \
                    destroyed, the blobs and read-model fields deleted); ids, state `ERASED`, versions and times \
                    stay. Idempotent by content: erasing an erased document answers `204` again. Afterwards a \
                    GET of the document is `410 DOCUMENT_ERASED` and every command on it `409 DOCUMENT_ERASED`.""",
            responses = {
                    @ApiResponse(responseCode = "204", description = "erased (now, or already before)",
                            content = @Content),
                    @ApiResponse(responseCode = "202", description = "the erasure is queued but not decided yet;"
                            + " Location = the command (GET it, or send DELETE again)"),
                    @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> eraseDocument(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            HttpServletRequest request) {
        return send(caller, childId, documentId, key, request, null, new EraseDocument());
    }

    /**
     * @param payload built from the request alone: no command's payload comes from the read model, so a
     *     resent or redriven command names what its sender saw, never what the document is now
     */
    private ResponseEntity<byte[]> send(Caller caller, UUID childId, UUID documentId, String key,
            HttpServletRequest request, Object body, CommandPayload payload) {
        IdempotencyKey.check(key);
        ownership.requireDocumentOwned(caller, childId, documentId);
        String path = request.getRequestURI();
        IdempotentCommands.Result result = idempotency.run(caller, key,
                () -> RequestFingerprint.of(request.getMethod(), path, body == null ? null : replies.bytes(body)),
                commandId -> commands.command(caller, commandId, documentId, payload),
                command -> commandReplies.reply(commands.submit(caller, childId, command), path));
        return result.reply().toResponse(result.replayed());
    }

    /**
     * Documents a body the command needs: Spring takes it as optional so that a missing one is answered
     * 428 PRECONDITION_REQUIRED naming the field (not 400 "unreadable body").
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    public @interface RequiredBodyDoc {}

    /** Documents the Idempotency-Key header on every command endpoint. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = false,
            description = dev.docpipe.api.web.OpenApiConfig.IDEMPOTENCY_DOC)
    public @interface IdempotencyKeyDoc {}
}
