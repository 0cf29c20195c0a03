package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.document.ScanReport;
import java.util.UUID;

public record DocumentScanned(UUID jobId, int attempt, ScanReport report) implements DocumentEvent {
    public DocumentScanned {
        Require.present(jobId, "jobId");
        Require.present(report, "report");
    }
}
