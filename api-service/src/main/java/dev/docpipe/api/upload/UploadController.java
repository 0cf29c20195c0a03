package dev.docpipe.api.upload;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.api.commands.CommandService;
import dev.docpipe.api.config.ApiProperties;
import dev.docpipe.api.documents.DocumentCommandController.IdempotencyKeyDoc;
import dev.docpipe.api.idempotency.IdempotencyKey;
import dev.docpipe.api.idempotency.IdempotentCommands;
import dev.docpipe.api.idempotency.RequestFingerprint;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.StoredBlob;
import dev.docpipe.model.Ids;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploads: the file is checked by content, stored by its hash, and registered with one command. */
@RestController
@RequestMapping("/api/v1/children/{childId}/documents")
@Tag(name = "documents")
public class UploadController {
    private final Ownership ownership;
    private final BlobStore blobs;
    private final CommandService commands;
    private final CommandReplies commandReplies;
    private final IdempotentCommands idempotency;
    private final long maxBytes;

    public UploadController(Ownership ownership, BlobStore blobs, CommandService commands,
            CommandReplies commandReplies, IdempotentCommands idempotency, ApiProperties properties) {
        this.ownership = ownership;
        this.blobs = blobs;
        this.commands = commands;
        this.commandReplies = commandReplies;
        this.idempotency = idempotency;
        this.maxBytes = properties.maxUploadSize().toBytes();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a scanned document (multipart part 'file')", responses = {
            @ApiResponse(responseCode = "202", description = "registered, scan queued; Location = the document"),
            @ApiResponse(responseCode = "400", description = "MISSING_FILE, EMPTY_FILE"),
            @ApiResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE (docpipe.api.max-upload-size)"),
            @ApiResponse(responseCode = "415", description = "UNSUPPORTED_FILE_TYPE: not PDF, PNG, JPEG, TIFF or UTF-8 text"),
            @ApiResponse(responseCode = "404", description = "unknown child, or not the caller's"),
            @ApiResponse(responseCode = "410", description = "CHILD_ERASED: the child was erased")})
    public ResponseEntity<byte[]> upload(Caller caller, @PathVariable UUID childId,
            @IdempotencyKeyDoc @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @RequestPart("file") MultipartFile file, HttpServletRequest request) throws IOException {
        IdempotencyKey.check(key);
        ownership.requireChild(caller, childId);
        if (file.isEmpty()) {
            throw ApiProblem.badRequest("EMPTY_FILE", "the file is empty");
        }
        if (file.getSize() > maxBytes) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "the file exceeds " + maxBytes + " bytes");
        }
        String type;
        try (InputStream in = file.getInputStream()) {
            type = ContentTypes.detect(in).orElseThrow(() -> new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_FILE_TYPE", "accepted are PDF, PNG, JPEG, TIFF and UTF-8 plain text"));
        }
        StoredBlob blob;
        try (InputStream in = file.getInputStream()) {
            blob = blobs.put(in, maxBytes);
        }
        String fileName = FileNames.sanitise(file.getOriginalFilename());
        FileRef ref = new FileRef(blob.ref().value(), type, blob.sizeBytes(), fileName);
        String path = request.getRequestURI();
        byte[] identity = (blob.ref().value() + "\n" + (fileName == null ? "" : fileName))
                .getBytes(StandardCharsets.UTF_8);
        IdempotentCommands.Result result = idempotency.run(caller, key,
                () -> RequestFingerprint.of("POST", path, identity),
                commandId -> commands.command(caller, commandId, Ids.derive(commandId, "document"),
                        new RegisterDocument(childId, ref)),
                command -> commandReplies.reply(commands.submit(caller, childId, command), path));
        return result.reply().toResponse(result.replayed());
    }
}
