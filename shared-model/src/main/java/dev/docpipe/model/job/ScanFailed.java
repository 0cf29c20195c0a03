package dev.docpipe.model.job;

import dev.docpipe.model.Require;
import dev.docpipe.model.StorableText;
import java.time.Instant;
import java.util.UUID;

/** @param reason a stable code such as {@code UNSUPPORTED_TYPE} or {@code CORRUPT_FILE} */
public record ScanFailed(UUID jobId, UUID documentId, Instant reportedAt, String reason, boolean retryable, String detail)
        implements JobResult {
    public ScanFailed {
        Require.present(jobId, "jobId");
        Require.present(documentId, "documentId");
        Require.present(reportedAt, "reportedAt");
        Require.text(reason, "reason");
        // free text, often an exception's message quoting the file: cleaned rather than refused on the wire
        detail = StorableText.clean(detail);
    }

    @Override
    public JobKind kind() {
        return JobKind.SCAN;
    }
}
