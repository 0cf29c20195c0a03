package dev.docpipe.model.job;

import java.time.Instant;
import java.util.UUID;

/**
 * A worker's report on {@code docpipe.job-results} (key = documentId). The pipeline fences it by
 * {@code jobId}: only the document's current job may change the document.
 */
public sealed interface JobResult permits ScanSucceeded, ScanFailed, OcrSucceeded, OcrFailed {
    UUID jobId();

    UUID documentId();

    Instant reportedAt();

    JobKind kind();

    default String type() {
        return getClass().getSimpleName();
    }
}
