package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored on {@code docpipe.events}.
 *
 * @param version the document's version once this event is applied (1 for the first event); readers
 *     use it to apply each event once and in order
 * @param causationId the command or job whose handling produced the event
 */
public record RecordedEvent(
        UUID eventId, UUID documentId, long version, Instant occurredAt, UUID causationId, DocumentEvent event) {
    public RecordedEvent {
        Require.present(eventId, "eventId");
        Require.present(documentId, "documentId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        Require.present(occurredAt, "occurredAt");
        Require.present(causationId, "causationId");
        Require.present(event, "event");
    }

    public String type() {
        return event.type();
    }
}
