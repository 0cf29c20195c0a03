package dev.docpipe.cli.history;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One line of a document's timeline.
 *
 * @param kind command (a command without an outcome yet), outcome (a command and its decision) or event
 * @param version the document version an event brought it to, or the version after a decision
 * @param detail the record itself, as JSON
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
        JsonNode detail) {

    String where() {
        String shortTopic = topic.substring(topic.lastIndexOf('.') + 1);
        return shortTopic + " " + partition + ":" + offset;
    }
}
