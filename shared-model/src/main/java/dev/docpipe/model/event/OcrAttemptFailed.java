package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.util.UUID;

/** The current OCR failed (a worker said so, or its lease ran out too often): the document is OCR_FAILED. */
public record OcrAttemptFailed(UUID jobId, int attempt, String reason, boolean retryable, String detail)
        implements DocumentEvent {
    public OcrAttemptFailed {
        Require.present(jobId, "jobId");
        Require.text(reason, "reason");
    }
}
