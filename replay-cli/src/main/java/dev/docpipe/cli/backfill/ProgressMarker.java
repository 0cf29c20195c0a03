package dev.docpipe.cli.backfill;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a backfill got to: the last document (in document-id order) whose command was sent and flushed.
 * A resumed run starts after it. Saving never moves the marker backwards, so two runs of the same backfill
 * may share it.
 */
interface ProgressMarker {
    /** @param complete every document of the run was sent at least once */
    record Mark(UUID lastDocumentId, long sent, boolean complete, Instant updatedAt) {}

    Optional<Mark> load() throws Exception;

    void save(Mark mark) throws Exception;

    /** Forgets the run's progress (for --restart). */
    void reset() throws Exception;

    String describe();
}
