package dev.docpipe.model.outcome;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.DocumentState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The decision log entry for one command, on {@code docpipe.command-outcomes}: answers "what
 * happened to my request, and why?".
 *
 * @param originalStatus for a {@link OutcomeStatus#DUPLICATE}: the status first decided, else null
 * @param state the document's state after the command (null if the document does not exist)
 * @param documentVersion events applied to the document after the command (0 if it does not exist)
 * @param jobIds jobs this command dispatched (empty unless ACCEPTED)
 */
public record CommandOutcome(
        UUID commandId,
        UUID documentId,
        String commandType,
        OutcomeStatus status,
        Reason reason,
        OutcomeStatus originalStatus,
        DocumentState state,
        long documentVersion,
        long reviewVersion,
        int scanAttempt,
        List<UUID> jobIds,
        Instant decidedAt) {
    public CommandOutcome {
        Require.present(commandId, "commandId");
        Require.present(documentId, "documentId");
        Require.text(commandType, "commandType");
        Require.present(status, "status");
        Require.present(reason, "reason");
        Require.present(decidedAt, "decidedAt");
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
    }

    /** This outcome, answered again for a repeated commandId. */
    public CommandOutcome asDuplicate(Instant now) {
        OutcomeStatus first = status == OutcomeStatus.DUPLICATE ? originalStatus : status;
        return new CommandOutcome(commandId, documentId, commandType, OutcomeStatus.DUPLICATE, reason, first, state,
                documentVersion, reviewVersion, scanAttempt, jobIds, now);
    }

    /** The status that decided the command: the original one for a duplicate. */
    public OutcomeStatus effectiveStatus() {
        return status == OutcomeStatus.DUPLICATE ? originalStatus : status;
    }
}
