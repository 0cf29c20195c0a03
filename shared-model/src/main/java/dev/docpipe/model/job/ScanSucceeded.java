package dev.docpipe.model.job;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.ScanReport;
import java.time.Instant;
import java.util.UUID;

public record ScanSucceeded(UUID jobId, UUID documentId, Instant reportedAt, ScanReport report) implements JobResult {
    public ScanSucceeded {
        Require.present(jobId, "jobId");
        Require.present(documentId, "documentId");
        Require.present(reportedAt, "reportedAt");
        Require.present(report, "report");
    }

    @Override
    public JobKind kind() {
        return JobKind.SCAN;
    }
}
