package dev.docpipe.cli.fold;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.event.RecordedEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A document folded from its events with {@link Document#evolve}, plus what the read model derives from
 * the events besides the aggregate (first and last event time, last event id).
 */
public final class FoldedDocument {
    /** What folding one event did. */
    public enum Step {
        /** Applied: the event was the next version. */
        APPLIED,
        /** Not applied: the document is already at or past the event's version. */
        DUPLICATE,
        /** Applied, but versions were skipped before it (an earlier event is missing). */
        GAP,
        /** Not applied: the fold refused the event. */
        INVALID
    }

    private Document document;
    private Instant createdAt;
    private Instant updatedAt;
    private UUID lastEventId;
    private long lastOffset = -1;
    private int partition = -1;
    private String lastError;

    public Document document() {
        return document;
    }

    /** When the first event occurred: the registration time. */
    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public UUID lastEventId() {
        return lastEventId;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public int partition() {
        return partition;
    }

    public long version() {
        return document == null ? 0 : document.version();
    }

    /** Why the last {@link Step#INVALID} step was refused. */
    public String lastError() {
        return lastError;
    }

    public Step apply(LoggedEvent logged) {
        return apply(logged.event(), logged.partition(), logged.offset());
    }

    public Step apply(RecordedEvent event, int eventPartition, long offset) {
        long version = version();
        if (event.version() <= version) {
            return Step.DUPLICATE;
        }
        Document next;
        try {
            next = Document.evolve(document, event.documentId(), event.event());
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            return Step.INVALID;
        }
        boolean gap = event.version() != version + 1;
        if (gap) {
            // Keep the event's own numbering, so one missing event is reported once, not for every later one.
            next = withVersion(next, event.version());
        }
        document = next;
        if (createdAt == null) {
            createdAt = event.occurredAt();
        }
        updatedAt = event.occurredAt();
        lastEventId = event.eventId();
        lastOffset = offset;
        partition = eventPartition;
        return gap ? Step.GAP : Step.APPLIED;
    }

    private static Document withVersion(Document d, long version) {
        return new Document(d.documentId(), d.childId(), d.owner(), d.file(), d.state(), version, d.scan(), d.ocr(),
                d.review(), d.currentJob(), d.lastFailure());
    }
}
