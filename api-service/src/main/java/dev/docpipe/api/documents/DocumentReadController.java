package dev.docpipe.api.documents;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.waiting.PreferWait;
import dev.docpipe.blob.BlobNotFoundException;
import dev.docpipe.blob.BlobRef;
import dev.docpipe.blob.BlobStore;
import dev.docpipe.model.document.Document;
import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads, served from the read model. */
@RestController
@RequestMapping("/api/v1/children/{childId}/documents")
@Tag(name = "documents")
public class DocumentReadController {
    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final Ownership ownership;
    private final DocumentQueries documents;
    private final BlobStore blobs;
    private final int maxPageSize;

    public DocumentReadController(Ownership ownership, DocumentQueries documents, BlobStore blobs,
            ApiProperties properties) {
        this.ownership = ownership;
        this.documents = documents;
        this.blobs = blobs;
        this.maxPageSize = properties.maxPageSize();
    }

    @GetMapping("/{documentId}")
    @Operation(summary = "One document",
            parameters = {
                    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER,
                            description = "the ETag of the view the client has"),
                    @Parameter(name = PreferWait.PREFER, in = ParameterIn.HEADER, example = "wait=30",
                            description = """
                                    RFC 7240 `wait=N`: with If-None-Match naming the current version, the request \
                                    waits up to N seconds (at most docpipe.api.waiting.max-wait, default 30) and \
                                    answers `200` with the new view as soon as the document changes, else `304`; \
                                    the wait granted is in `Preference-Applied`. Without it nothing waits.""")},
            responses = {
            @ApiResponse(responseCode = "200", description = "the document; ETag = its version"),
            @ApiResponse(responseCode = "304", description = "If-None-Match matched the current version (with"
                    + " Prefer: wait, it still did when the wait ended)"),
            @ApiResponse(responseCode = "404", description = "unknown, or not the caller's"),
            @ApiResponse(responseCode = "410", description = "DOCUMENT_ERASED: the document was erased")})
    public ResponseEntity<DocumentView> get(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        DocumentRow row = ownership.requireDocument(caller, childId, documentId);
        String etag = CommandReplies.etag(row.version());
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(DocumentView.of(row));
    }

    @GetMapping
    @Operation(summary = "A page of the child's documents, newest first (ties by document id)",
            description = "An erased document is listed with its ids, state `ERASED`, versions and times only"
                    + " (file, scan, ocr and review are null), so an app that kept a copy learns to drop it.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the page"),
                    @ApiResponse(responseCode = "404", description = "CHILD_NOT_FOUND: unknown, or not the caller's"),
                    @ApiResponse(responseCode = "410", description = "CHILD_ERASED: the child was erased")})
    public DocumentPage list(Caller caller, @PathVariable UUID childId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 1_000_000) {
            throw ApiProblem.badRequest("INVALID_PARAMETER", "page must be between 0 and 1000000")
                    .with("parameter", "page");
        }
        if (size < 1 || size > maxPageSize) {
            throw ApiProblem.badRequest("INVALID_PARAMETER", "size must be between 1 and " + maxPageSize)
                    .with("parameter", "size");
        }
        ownership.requireChild(caller, childId);
        DocumentQueries.Page result = documents.page(childId, page, size);
        return new DocumentPage(result.items().stream().map(DocumentView::of).toList(), result.page(), result.size(),
                result.hasNext());
    }

    @GetMapping(value = "/{documentId}/text", produces = "text/plain")
    @Operation(summary = "The extracted text; the corrected text once reviewed", responses = {
            @ApiResponse(responseCode = "200", description = "text/plain; UTF-8"),
            @ApiResponse(responseCode = "404", description = "no text yet (before extraction), or not the caller's"),
            @ApiResponse(responseCode = "410", description = "DOCUMENT_ERASED: the document was erased")})
    public ResponseEntity<String> text(Caller caller, @PathVariable UUID childId, @PathVariable UUID documentId) {
        DocumentRow row = ownership.requireDocument(caller, childId, documentId);
        Document d = row.document();
        String corrected = d.review().fields().correctedText();
        String text;
        if (corrected != null) {
            text = corrected;
        } else if (d.ocr().textRef() != null) {
            try {
                text = blobs.readText(BlobRef.parse(d.ocr().textRef()));
            } catch (BlobNotFoundException | IllegalArgumentException e) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "TEXT_UNAVAILABLE",
                        "the extracted text cannot be read right now");
            } catch (IOException e) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "TEXT_UNAVAILABLE",
                        "the extracted text cannot be read right now");
            }
        } else {
            throw ApiProblem.notFound("TEXT_NOT_AVAILABLE", "the document has no extracted text yet")
                    .with("state", d.state().name());
        }
        return ResponseEntity.ok().contentType(TEXT).eTag(CommandReplies.etag(row.version())).body(text);
    }
}
