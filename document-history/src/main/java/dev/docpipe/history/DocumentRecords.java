package dev.docpipe.history;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.outcome.CommandOutcome;
import java.util.List;
import java.util.UUID;

/**
 * Everything the topics hold about one document, as {@link DocumentRecordReader} found it.
 *
 * @param commandsPartition null when docpipe.commands was not read (or does not exist)
 * @param unreadable addresses ({@code topic partition:offset}) of records keyed by the document that the model's
 *     codec refuses
 * @param truncated whether a topic's partition held more records than the reader's bound, so the oldest were skipped
 */
public record DocumentRecords(
        UUID documentId,
        List<Located<RecordedEvent>> events,
        List<Located<CommandOutcome>> outcomes,
        List<Located<Command>> commands,
        int eventsPartition,
        int outcomesPartition,
        Integer commandsPartition,
        List<String> unreadable,
        boolean truncated) {

    public boolean isEmpty() {
        return events.isEmpty() && outcomes.isEmpty() && commands.isEmpty();
    }

    public Timeline timeline() {
        return new Timeline(events, outcomes, commands);
    }
}
