package dev.docpipe.api.commands;

import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * A command's outcome as the API shows it.
 *
 * @param status the outcome status (a DUPLICATE shows the original one), or PENDING
 * @param reason why (a stable code), null while pending
 * @param version the document's version after the command (events applied)
 */
public record CommandView(
        UUID commandId,
        UUID documentId,
        String command,
        String status,
        String reason,
        String state,
        Long version,
        Long reviewVersion,
        Integer scanAttempt,
        Instant decidedAt) {

    public static CommandView of(CommandOutcome outcome) {
        return new CommandView(outcome.commandId(), outcome.documentId(), outcome.commandType(),
                outcome.effectiveStatus().name(), outcome.reason().name(),
                outcome.state() == null ? null : outcome.state().name(), outcome.documentVersion(),
                outcome.reviewVersion(), outcome.scanAttempt(), outcome.decidedAt());
    }

    public static CommandView pending(UUID commandId, UUID documentId, String command) {
        return new CommandView(commandId, documentId, command, "PENDING", null, null, null, null, null, null);
    }
}
