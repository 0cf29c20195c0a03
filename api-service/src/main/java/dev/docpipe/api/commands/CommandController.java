package dev.docpipe.api.commands;

import dev.docpipe.api.auth.Caller;
import dev.docpipe.api.auth.Ownership;
import dev.docpipe.api.problems.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(summary = "A command's outcome", responses = {
            @ApiResponse(responseCode = "200", description = "decided: the outcome"),
            @ApiResponse(responseCode = "202", description = "not decided yet; ask again (Retry-After)"),
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
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(CommandView.pending(p.commandId(), p.documentId(), p.commandType()));
    }
}
