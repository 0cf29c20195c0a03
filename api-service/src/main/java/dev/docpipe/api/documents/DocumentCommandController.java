package dev.docpipe.api.documents;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.commands.CommandService;
import dev.docpipe.api.idempotency.Idempotency;
import dev.docpipe.api.web.Replies;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.ValidateReview;
import dev.docpipe.readmodel.DocumentRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    private final Idempotency idempotency;
    private final Replies replies;

    public DocumentCommandController(Ownership ownership, CommandService commands, CommandReplies commandReplies,
            Idempotency idempotency, Replies replies) {
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
            @ApiResponse(responseCode = "409", description = "SCAN_NOT_READY: the scan has not finished or failed"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> confirmScan(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = Idempotency.HEADER, required = false) String key,
            HttpServletRequest request) {
        return send(caller, childId, documentId, key, request, null, current -> new ConfirmScan());
    }

    @PostMapping("/rescan")
    @Operation(summary = "Scan again, superseding the current attempt", responses = {
            @ApiResponse(responseCode = "202", description = "scan queued"),
            @ApiResponse(responseCode = "200", description = "that attempt was already superseded: nothing new"),
            @ApiResponse(responseCode = "409", description = "SCAN_IN_PROGRESS or ALREADY_CONFIRMED"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> rescan(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = Idempotency.HEADER, required = false) String key,
            @RequestBody(required = false) Requests.RescanRequest body, HttpServletRequest request) {
        if (body != null) {
            body.check();
        }
        return send(caller, childId, documentId, key, request, body, current -> new Rescan(
                body != null && body.supersedesAttempt() != null
                        ? body.supersedesAttempt()
                        : Math.max(1, current.get().document().scan().attempt())));
    }

    @PatchMapping(value = "/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Edit the reviewed fields (optimistic: expectedReviewVersion)", responses = {
            @ApiResponse(responseCode = "200", description = "edited; body has the new reviewVersion"),
            @ApiResponse(responseCode = "409", description = "STALE_WRITE with currentReviewVersion, or NOT_REVIEWABLE"),
            @ApiResponse(responseCode = "422", description = "EMPTY_PATCH, PROTECTED_FIELD"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> review(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = Idempotency.HEADER, required = false) String key,
            @RequestBody Requests.ReviewRequest body, HttpServletRequest request) {
        body.check();
        return send(caller, childId, documentId, key, request, body,
                current -> new EditReview(body.expectedReviewVersion(), body.patch().toModel()));
    }

    @PostMapping("/validate")
    @Operation(summary = "Sign off the review", responses = {
            @ApiResponse(responseCode = "200", description = "validated (or already validated at that version)"),
            @ApiResponse(responseCode = "409", description = "STALE_WRITE with currentReviewVersion, or NOT_REVIEWABLE"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's")})
    public ResponseEntity<byte[]> validate(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @IdempotencyKeyDoc @RequestHeader(value = Idempotency.HEADER, required = false) String key,
            @RequestBody(required = false) Requests.ValidateRequest body, HttpServletRequest request) {
        if (body != null) {
            body.check();
        }
        return send(caller, childId, documentId, key, request, body, current -> new ValidateReview(
                body != null && body.expectedReviewVersion() != null
                        ? body.expectedReviewVersion()
                        : current.get().document().review().version()));
    }

    /**
     * @param payloadFor the command; reads the document ({@code current.get()}) only if it needs a
     *     default from it: a command on a known document of the caller's otherwise costs no query
     */
    private ResponseEntity<byte[]> send(Caller caller, UUID childId, UUID documentId, String key,
            HttpServletRequest request, Object body, Function<Supplier<DocumentRow>, CommandPayload> payloadFor) {
        Idempotency.validate(key);
        ownership.requireDocumentOwned(caller, childId, documentId);
        CommandPayload payload = payloadFor.apply(() -> ownership.requireDocument(caller, childId, documentId));
        String path = request.getRequestURI();
        Idempotency.Result result = idempotency.run(caller, key,
                () -> Idempotency.fingerprint(request.getMethod(), path, body == null ? null : replies.bytes(body)),
                commandId -> commandReplies.reply(commands.submit(caller, childId, commandId, documentId, payload), path));
        return result.reply().toResponse(result.replayed());
    }

    /** Documents the Idempotency-Key header on every command endpoint. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, required = false,
            description = dev.docpipe.api.web.OpenApiConfig.IDEMPOTENCY_DOC)
    public @interface IdempotencyKeyDoc {}
}
