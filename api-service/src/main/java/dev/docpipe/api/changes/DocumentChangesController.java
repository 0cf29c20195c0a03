package dev.docpipe.api.changes;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.problems.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/children/{childId}/documents")
@Tag(name = "documents")
public class DocumentChangesController {
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private final Ownership ownership;
    private final ChangeStreams streams;

    public DocumentChangesController(Ownership ownership, ChangeStreams streams) {
        this.ownership = ownership;
        this.streams = streams;
    }

    @GetMapping("/changes")
    @Operation(summary = "The child's document changes as server-sent events", description = """
            One event per change of any of the child's documents (every applied event: upload, scan, confirm, \
            OCR, review, erasure), in order. `id` is the change's position; `data` is JSON: `position`, \
            `documentId`, `version`, `state`, `event` (what happened), `changedAt` and `href` (the document view). \
            Without `Last-Event-ID` the stream starts with the changes from now on; after a dropped connection, \
            reconnect with `Last-Event-ID` = the last id received and the stream sends exactly the changes after \
            it (none missed, none repeated). Comment lines are sent every few seconds \
            (docpipe.api.waiting.heartbeat) so proxies keep an idle stream open; the server ends a stream after \
            docpipe.api.waiting.stream-max-age, the client reconnects the same way.""",
            parameters = @Parameter(name = LAST_EVENT_ID, in = ParameterIn.HEADER,
                    description = "resume after this position", schema = @Schema(type = "integer", minimum = "0")),
            responses = {
                    @ApiResponse(responseCode = "200", description = "the stream",
                            content = @Content(mediaType = "text/event-stream",
                                    schema = @Schema(implementation = ChangeEvent.class))),
                    @ApiResponse(responseCode = "400", description = "Last-Event-ID is not a position"),
                    @ApiResponse(responseCode = "404", description = "unknown child, or not the caller's"),
                    @ApiResponse(responseCode = "410", description = "CHILD_ERASED: the child was erased")})
    public SseEmitter changes(Caller caller, @PathVariable UUID childId,
            @RequestHeader(value = LAST_EVENT_ID, required = false) String lastEventId) throws IOException {
        Long after = lastEventId(lastEventId);
        ownership.requireChild(caller, childId);
        return streams.open(childId, after);
    }

    /** The position a Last-Event-ID header names; null without one; 400 INVALID_LAST_EVENT_ID if it is none. */
    public static Long lastEventId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        String value = lastEventId.strip();
        if (value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw ApiProblem.badRequest("INVALID_LAST_EVENT_ID", "Last-Event-ID must be a position this stream sent")
                    .with("header", LAST_EVENT_ID);
        }
        return Long.parseLong(value);
    }
}
