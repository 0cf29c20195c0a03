package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.util.UUID;

/** The current scan failed (a worker said so, or its lease ran out too often): the document is SCAN_FAILED. */
public record ScanAttemptFailed(UUID jobId, int attempt, String reason, boolean retryable, String detail)
        implements DocumentEvent {
    public ScanAttemptFailed {
        Require.present(jobId, "jobId");
        Require.text(reason, "reason");
    }
}
