package dev.docpipe.cli.history;

import dev.docpipe.history.JobSummary;
import dev.docpipe.history.TimelineEntry;
import dev.docpipe.model.document.Document;
import java.util.List;
import java.util.UUID;

/**
 * A document's history as {@code docpipe history} prints it.
 *
 * @param at the --at point as given, or null for "now"
 * @param state the document as folded from the events up to {@code at} (null: it did not exist yet)
 * @param stateOffset the docpipe.events offset of the last event folded into {@code state}
 */
public record HistoryReport(
        UUID documentId,
        Partitions partitions,
        String at,
        Counts counts,
        List<TimelineEntry> timeline,
        List<JobSummary> jobs,
        Document state,
        Long stateOffset) {

    public record Partitions(int events, int commandOutcomes, Integer commands) {}

    public record Counts(long events, long commands, long outcomes, long jobs, long staleResults) {}
}
