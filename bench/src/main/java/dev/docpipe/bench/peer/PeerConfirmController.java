package dev.docpipe.bench.peer;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.problems.ApiProblem;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * docpipe's confirm-scan endpoint (docs/design.md) on the peer: same path, same statuses (202 OCR queued now,
 * 200 already confirmed, 409 SCAN_NOT_READY, 404 unknown or not the caller's), a body shaped like docpipe's
 * command view, errors as problem+json through api-service's handler.
 */
@RestController
@RequestMapping("/api/v1/children/{childId}/documents/{documentId}")
public class PeerConfirmController {
    private final GuardedConfirm confirm;

    public PeerConfirmController(GuardedConfirm confirm) {
        this.confirm = confirm;
    }

    /** As docpipe's CommandView shows a decided command. */
    public record ConfirmView(UUID commandId, UUID documentId, String command, String status, String reason,
            String state, Instant decidedAt) {}

    @PostMapping("/confirm-scan")
    public ResponseEntity<ConfirmView> confirmScan(Caller caller, @PathVariable UUID childId,
            @PathVariable UUID documentId) {
        UUID commandId = UUID.randomUUID();
        return switch (confirm.confirm(caller.accountId(), childId, documentId, commandId)) {
            case QUEUED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new ConfirmView(commandId, documentId,
                    "ConfirmScan", "ACCEPTED", "OK", "OCR_PENDING", Instant.now()));
            case ALREADY_CONFIRMED -> ResponseEntity.ok(new ConfirmView(commandId, documentId, "ConfirmScan",
                    "ALREADY_DONE", "ALREADY_CONFIRMED", null, Instant.now()));
            case SCAN_NOT_READY -> throw new ApiProblem(HttpStatus.CONFLICT, "SCAN_NOT_READY", "the scan has not finished");
            case NOT_FOUND -> throw ApiProblem.notFound("DOCUMENT_NOT_FOUND", "no such document");
        };
    }
}
