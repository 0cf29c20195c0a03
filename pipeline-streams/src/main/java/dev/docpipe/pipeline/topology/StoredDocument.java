package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The value of the {@code documents} store: a document and what it takes to answer its latest
 * commands' ids again. They live in one value so that "decide, remember the command id, store" is a
 * single store write: a crash cannot separate them. Stored in the compact format of
 * {@link StoredDocumentSerde}.
 *
 * @param recentCommands oldest first; bounded by age, and refusals also by count (see {@link #remember})
 */
public record StoredDocument(Document document, List<RememberedOutcome> recentCommands) {
    public StoredDocument {
        recentCommands = List.copyOf(recentCommands);
    }

    public Optional<RememberedOutcome> outcomeOf(UUID commandId) {
        for (int i = recentCommands.size() - 1; i >= 0; i--) {
            if (recentCommands.get(i).commandId().equals(commandId)) {
                return Optional.of(recentCommands.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The next stored value: {@code next} document, with {@code outcome} remembered. Outcomes older than
     * {@code retention} are forgotten. Every ACCEPTED outcome is kept for the whole retention, so a retry
     * of a command that changed the document gets its original answer whatever arrived meanwhile; only
     * the other outcomes (refusals) are also bounded, to the newest {@code maxRefusals}, so a flood of
     * refused commands cannot grow the value. A command redriven after it was forgotten is still harmless,
     * because every command is idempotent by content.
     */
    public StoredDocument remember(
            Document next, CommandOutcome outcome, Instant now, Duration retention, int maxRefusals) {
        Instant oldest = now.minus(retention);
        List<RememberedOutcome> all = new ArrayList<>(recentCommands.size() + 1);
        for (RememberedOutcome remembered : recentCommands) {
            if (remembered.decidedAt().isAfter(oldest)) {
                all.add(remembered);
            }
        }
        all.add(RememberedOutcome.of(outcome));
        int refusalsToDrop = (int) all.stream().filter(o -> !isAccepted(o)).count() - maxRefusals;
        List<RememberedOutcome> kept = new ArrayList<>(all.size());
        for (RememberedOutcome remembered : all) {
            if (refusalsToDrop > 0 && !isAccepted(remembered)) {
                refusalsToDrop--; // the oldest refusals go first
            } else {
                kept.add(remembered);
            }
        }
        return new StoredDocument(next, kept);
    }

    private static boolean isAccepted(RememberedOutcome remembered) {
        return remembered.status() == OutcomeStatus.ACCEPTED;
    }

    public StoredDocument withDocument(Document next) {
        return new StoredDocument(next, recentCommands);
    }

    public static StoredDocument none() {
        return new StoredDocument(null, List.of());
    }
}
