package dev.docpipe.cli.audit;

import java.util.UUID;

/**
 * One broken invariant, with where to look.
 *
 * @param topic/partition/offset the record that shows it (null for read-model rows and end-of-log checks
 *     without a record)
 */
public record Violation(
        ViolationType type, UUID documentId, String topic, Integer partition, Long offset, String message) {

    public String where() {
        if (topic == null) {
            return "-";
        }
        return partition == null ? topic : topic + "/" + partition + "/" + offset;
    }

    @Override
    public String toString() {
        return type + " " + where() + (documentId == null ? "" : " document " + documentId) + ": " + message;
    }
}
