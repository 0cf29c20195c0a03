package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import java.util.UUID;

/**
 * A result arrived for a job that is not the document's current one (superseded, re-issued after its
 * lease, or already reported): recorded for the audit trail, and nothing else changes.
 *
 * @param currentJobId the job the document waits for, or null when it waits for none
 */
public record StaleJobResultIgnored(UUID jobId, String resultType, UUID currentJobId) implements DocumentEvent {
    public StaleJobResultIgnored {
        Require.present(jobId, "jobId");
        Require.text(resultType, "resultType");
    }
}
