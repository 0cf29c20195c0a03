package dev.docpipe.api.ops;

import dev.docpipe.history.DocumentRecords;
import dev.docpipe.history.FoldedDocument;
import dev.docpipe.history.JobSummary;
import dev.docpipe.history.Timeline;
import dev.docpipe.history.TimelineEntry;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.event.StaleJobResultIgnored;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A document's timeline as the console shows it: {@code docpipe history}'s entries, each with what an operator
 * looks for marked ({@link Mark}) and a link to its trace.
 *
 * @param truncated the document's partitions held more records than the console reads; older steps are missing
 * @param state the document's state after its last event (null if it has none)
 */
public record TimelineView(
        UUID documentId,
        int eventsPartition,
        Integer commandsPartition,
        boolean truncated,
        List<String> unreadable,
        String state,
        long version,
        List<Entry> entries,
        List<JobSummary> jobs) {

    /**
     * What a step was. ACCEPTED: a command that changed the document; DUPLICATE: a command that changed nothing
     * because its intent (ALREADY_DONE) or its commandId (DUPLICATE) was served before; REFUSED: REJECTED, STALE or
     * IN_PROGRESS; STALE_RESULT: a job result ignored because its job was no longer current; EVENT, PENDING (a
     * command without an outcome yet).
     */
    public enum Mark { ACCEPTED, DUPLICATE, REFUSED, STALE_RESULT, EVENT, PENDING }

    /** @param status a decision's outcome status (null for events) */
    public record Entry(Instant time, String kind, String where, long version, String type, String status,
            Mark mark, String summary, String state, String traceId, String traceUrl, JsonNode detail) {}

    static TimelineView of(DocumentRecords records, OpsProperties properties) {
        Timeline timeline = records.timeline();
        FoldedDocument folded = Timeline.state(records.events());
        Document document = folded.document();
        List<Entry> entries = timeline.entries(null).stream().map(e -> entry(e, properties)).toList();
        return new TimelineView(records.documentId(), records.eventsPartition(), records.commandsPartition(),
                records.truncated(), records.unreadable(), document == null ? null : document.state().name(),
                folded.version(), entries, Timeline.jobs(records.events(), document));
    }

    private static Entry entry(TimelineEntry e, OpsProperties properties) {
        String status = "outcome".equals(e.kind()) && e.detail().hasNonNull("status")
                ? e.detail().get("status").asString() : null;
        Mark mark = switch (e.kind()) {
            case "outcome" -> switch (status == null ? "" : status) {
                case "ACCEPTED" -> Mark.ACCEPTED;
                case "ALREADY_DONE", "DUPLICATE" -> Mark.DUPLICATE;
                default -> Mark.REFUSED;
            };
            case "command" -> Mark.PENDING;
            default -> e.type().equals(StaleJobResultIgnored.class.getSimpleName()) ? Mark.STALE_RESULT : Mark.EVENT;
        };
        return new Entry(e.time(), e.kind(), e.where(), e.version(), e.type(), status, mark, e.summary(), e.state(),
                e.traceId(), properties.traceLink(e.traceId()), e.detail());
    }
}
