package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the {@code documents} store remembers of a decided command: exactly what is needed to answer a
 * repeated {@code commandId} with the same outcome ({@link #asDuplicate}), and nothing else. The
 * document id is the store key, so it is not repeated here.
 *
 * @param status the status first decided (never {@link OutcomeStatus#DUPLICATE})
 * @param decidedAt when it was decided: remembered outcomes expire by age
 */
public record RememberedOutcome(
        UUID commandId,
        String commandType,
        OutcomeStatus status,
        Reason reason,
        DocumentState state,
        long documentVersion,
        long reviewVersion,
        int scanAttempt,
        List<UUID> jobIds,
        Instant decidedAt) {
    public RememberedOutcome {
        jobIds = List.copyOf(jobIds);
    }

    /** What is remembered of a freshly decided outcome. */
    public static RememberedOutcome of(CommandOutcome outcome) {
        return new RememberedOutcome(outcome.commandId(), outcome.commandType(), outcome.effectiveStatus(),
                outcome.reason(), outcome.state(), outcome.documentVersion(), outcome.reviewVersion(),
                outcome.scanAttempt(), outcome.jobIds(), outcome.decidedAt());
    }

    /**
     * The answer to the same command id sent again: the original outcome as {@code DUPLICATE}, equal to
     * what {@link CommandOutcome#asDuplicate} gives for the original.
     */
    public CommandOutcome asDuplicate(UUID documentId, Instant now) {
        return new CommandOutcome(commandId, documentId, commandType, OutcomeStatus.DUPLICATE, reason, status, state,
                documentVersion, reviewVersion, scanAttempt, jobIds, now);
    }
}
