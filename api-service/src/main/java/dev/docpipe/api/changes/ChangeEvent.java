package dev.docpipe.api.changes;

import dev.docpipe.api.commands.CommandReplies;
import dev.docpipe.readmodel.DocumentChange;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of one change-stream event (its SSE id is {@code position}).
 *
 * @param position where the change is in the child's change log: send it back as Last-Event-ID to resume after it
 * @param state the document's state after the change
 * @param event what happened (the event's type)
 * @param href the document view, for the rest of it
 */
public record ChangeEvent(long position, UUID documentId, long version, String state, String event,
        Instant changedAt, String href) {
    public static ChangeEvent of(DocumentChange change) {
        return new ChangeEvent(change.position(), change.documentId(), change.version(), change.state(),
                change.eventType(), change.changedAt(),
                CommandReplies.documentUrl(change.childId(), change.documentId()));
    }
}
