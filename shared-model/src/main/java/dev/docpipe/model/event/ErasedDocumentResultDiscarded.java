package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.util.UUID;

/**
 * A worker's result arrived for an erased document (a job in flight at erasure, or a late one): it changes
 * nothing, and is recorded so the text blob an OCR job wrote meanwhile is purged too.
 *
 * @param textRef the blob of an {@code OcrSucceeded}'s text, null for any other result
 */
public record ErasedDocumentResultDiscarded(UUID jobId, String textRef) implements DocumentEvent {
    public ErasedDocumentResultDiscarded {
        Require.present(jobId, "jobId");
    }
}
