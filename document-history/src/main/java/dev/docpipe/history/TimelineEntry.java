package dev.docpipe.history;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One line of a document's timeline.
 *
 * @param kind command (a command without an outcome yet), outcome (a command and its decision) or event
 * @param version the document version an event brought it to, or the version after a decision
 * @param detail the record itself, as JSON
 * @param state the document's state after this step (null for a command not decided yet)
 * @param traceId the trace the record belongs to (its {@code traceparent} header), or null
 */
public record TimelineEntry(
        Instant time,
        String kind,
        String topic,
        int partition,
        long offset,
        long version,
        String type,
        String summary,
        JsonNode detail,
        String state,
        String traceId) {

    public String where() {
        String shortTopic = topic.substring(topic.lastIndexOf('.') + 1);
        return shortTopic + " " + partition + ":" + offset;
    }
}
