package dev.docpipe.readmodel;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of a document as the read model recorded it: the event with {@code version} was applied.
 *
 * @param position the change's place in its child's change log (ordered, durable; may skip numbers)
 * @param state the document's state after the event
 * @param eventType the event's type (e.g. ScanSucceeded)
 * @param changedAt when the event occurred
 */
public record DocumentChange(UUID childId, long position, UUID documentId, long version, String state,
        String eventType, Instant changedAt) {}
