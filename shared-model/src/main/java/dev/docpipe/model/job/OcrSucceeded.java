package dev.docpipe.model.job;

import dev.docpipe.model.Require;
import java.time.Instant;
import java.util.UUID;

/** @param textRef the blob holding the extracted text */
public record OcrSucceeded(
        UUID jobId, UUID documentId, Instant reportedAt, String textRef, long textLength, String engine, String engineVersion)
        implements JobResult {
    public OcrSucceeded {
        Require.present(jobId, "jobId");
        Require.present(documentId, "documentId");
        Require.present(reportedAt, "reportedAt");
        Require.text(textRef, "textRef");
        Require.notNegative(textLength, "textLength");
        Require.text(engine, "engine");
        Require.text(engineVersion, "engineVersion");
    }

    @Override
    public JobKind kind() {
        return JobKind.OCR;
    }
}
