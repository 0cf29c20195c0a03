package dev.docpipe.readmodel;

import dev.docpipe.model.document.Document;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the read model.
 *
 * @param document the aggregate as folded from the document's events
 * @param createdAt when the first event occurred
 * @param updatedAt when the last applied event occurred
 * @param lastEventId the id of the last applied event
 */
public record DocumentRow(Document document, Instant createdAt, Instant updatedAt, UUID lastEventId) {
    public UUID documentId() {
        return document.documentId();
    }

    public UUID childId() {
        return document.childId();
    }

    public long version() {
        return document.version();
    }
}
