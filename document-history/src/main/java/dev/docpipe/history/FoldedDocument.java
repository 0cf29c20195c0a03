package dev.docpipe.history;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.history.EventOrder;
import dev.docpipe.model.history.FoldStep;
import dev.docpipe.model.history.GapPolicy;
import java.time.Instant;
import java.util.UUID;

/**
 * A document folded from its events with {@link Document#evolve}, plus what the read model derives from
 * the events besides the aggregate (first and last event time, last event id). Events are classified by the
 * model's {@link EventOrder} with {@link GapPolicy#FOLD_OVER}: the tools report a missing event once and go on
 * checking the rest of the history (the read model holds at a gap instead, so the audit reports its row as
 * behind the log).
 */
public final class FoldedDocument {
    private static final GapPolicy GAPS = GapPolicy.FOLD_OVER;

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

    /** Why the last {@link FoldStep.Kind#INVALID} event was refused. */
    public String lastError() {
        return lastError;
    }

    /** Folds one event; what it did, as the model's classifier says. */
    public FoldStep.Kind apply(RecordedEvent event, int eventPartition, long offset) {
        FoldStep step = EventOrder.fold(document, event, GAPS);
        if (step.kind() == FoldStep.Kind.INVALID) {
            lastError = step.error();
        }
        if (!step.kind().applied()) {
            return step.kind();
        }
        document = step.document();
        if (createdAt == null) {
            createdAt = event.occurredAt();
        }
        updatedAt = event.occurredAt();
        lastEventId = event.eventId();
        lastOffset = offset;
        partition = eventPartition;
        return step.kind();
    }
}
