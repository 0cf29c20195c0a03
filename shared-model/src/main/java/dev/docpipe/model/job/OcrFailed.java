package dev.docpipe.model.job;

import dev.docpipe.model.Require;
import dev.docpipe.model.StorableText;
import java.time.Instant;
import java.util.UUID;

/** @param reason a stable code such as {@code OCR_ENGINE_MISSING} or {@code CORRUPT_FILE} */
public record OcrFailed(UUID jobId, UUID documentId, Instant reportedAt, String reason, boolean retryable, String detail)
        implements JobResult {
    public OcrFailed {
        Require.present(jobId, "jobId");
        Require.present(documentId, "documentId");
        Require.present(reportedAt, "reportedAt");
        Require.text(reason, "reason");
        // free text, often an exception's message quoting the file: cleaned rather than refused on the wire
        detail = StorableText.clean(detail);
    }

    @Override
    public JobKind kind() {
        return JobKind.OCR;
    }
}
