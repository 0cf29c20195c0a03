package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.outcome.CommandOutcome;
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
 * @param recentCommands newest last; bounded by count and age (see {@link #remember})
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
     * The next stored value: {@code next} document, with {@code outcome} remembered. Outcomes older
     * than {@code retention} and all but the newest {@code maxRemembered} are forgotten; a command
     * redriven after that is still harmless, because every command is idempotent by content.
     */
    public StoredDocument remember(
            Document next, CommandOutcome outcome, Instant now, Duration retention, int maxRemembered) {
        Instant oldest = now.minus(retention);
        List<RememberedOutcome> kept = new ArrayList<>(Math.min(recentCommands.size() + 1, maxRemembered));
        int skip = Math.max(0, recentCommands.size() + 1 - maxRemembered);
        for (RememberedOutcome remembered : recentCommands) {
            if (skip > 0) {
                skip--;
            } else if (remembered.decidedAt().isAfter(oldest)) {
                kept.add(remembered);
            }
        }
        kept.add(RememberedOutcome.of(outcome));
        return new StoredDocument(next, kept);
    }

    public StoredDocument withDocument(Document next) {
        return new StoredDocument(next, recentCommands);
    }

    public static StoredDocument none() {
        return new StoredDocument(null, List.of());
    }
}
