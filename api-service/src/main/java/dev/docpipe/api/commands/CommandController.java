package dev.docpipe.api.commands;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.api.waiting.PreferWait;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/commands")
@Tag(name = "commands")
public class CommandController {
    private final CommandLog commandLog;
    private final Ownership ownership;

    public CommandController(CommandLog commandLog, Ownership ownership) {
        this.commandLog = commandLog;
        this.ownership = ownership;
    }

    @GetMapping("/{commandId}")
    @Operation(summary = "A command's outcome",
            parameters = {
                    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER,
                            description = "the ETag the client has (`\"pending\"` from a 202)"),
                    @Parameter(name = PreferWait.PREFER, in = ParameterIn.HEADER, example = "wait=30",
                            description = """
                                    RFC 7240 `wait=N`: while the command is pending, the request waits up to N \
                                    seconds (at most docpipe.api.waiting.max-wait, default 30) and answers `200` \
                                    with the outcome as soon as it is decided; if the wait ends first, `304` to a \
                                    request with If-None-Match: "pending", else `202`. Preference-Applied names the \
                                    wait granted.""")},
            responses = {
            @ApiResponse(responseCode = "200", description = "decided: the outcome; ETag = the document's version"),
            @ApiResponse(responseCode = "202", description = "not decided yet (ETag \"pending\"); ask again"
                    + " (Retry-After), or wait with Prefer: wait=N"),
            @ApiResponse(responseCode = "304", description = "If-None-Match matched (pending when a wait ended)"),
            @ApiResponse(responseCode = "404", description = "unknown, or not about one of the caller's children")})
    public ResponseEntity<CommandView> get(Caller caller, @PathVariable UUID commandId) {
        Optional<CommandLog.LoggedOutcome> decided = commandLog.outcome(commandId);
        Optional<CommandLog.PendingCommand> pending = commandLog.pending(commandId);
        // whose is it: the document's child per the read model, else the child the sender named
        UUID child = decided.map(CommandLog.LoggedOutcome::childId)
                .or(() -> pending.map(CommandLog.PendingCommand::childId))
                .orElse(null);
        if (child == null || !ownership.ownsChild(caller, child)) {
            throw ApiProblem.notFound("COMMAND_NOT_FOUND", "no such command");
        }
        if (decided.isPresent()) {
            return ResponseEntity.ok()
                    .eTag(CommandReplies.etag(decided.get().outcome().documentVersion()))
                    .body(CommandView.of(decided.get().outcome()));
        }
        CommandLog.PendingCommand p = pending.get();
        return ResponseEntity.accepted()
                .eTag(CommandReplies.PENDING_ETAG)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(CommandView.pending(p.commandId(), p.documentId(), p.commandType()));
    }
}
