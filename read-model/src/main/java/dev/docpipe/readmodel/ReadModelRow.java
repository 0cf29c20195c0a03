package dev.docpipe.readmodel;

import dev.docpipe.model.document.Document;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the read model's {@code documents} table as stored, every column the projector derives from events
 * (for tools that check the columns against the aggregate; readers of documents use {@link DocumentRow}).
 *
 * @param aggregate the parsed {@code aggregate} column, or null when it cannot be read ({@link #aggregateError})
 */
public record ReadModelRow(
        UUID documentId,
        UUID childId,
        String owner,
        String state,
        long version,
        long reviewVersion,
        int scanAttempt,
        int ocrAttempt,
        String textRef,
        String lastFailure,
        Document aggregate,
        String aggregateError,
        UUID lastEventId,
        Instant createdAt,
        Instant updatedAt) {}
