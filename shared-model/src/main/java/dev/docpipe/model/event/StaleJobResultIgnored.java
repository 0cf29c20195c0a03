package dev.docpipe.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.docpipe.model.Require;
import java.util.UUID;

/**
 * A result arrived for a job that is not the document's current one (superseded, re-issued after its
 * lease, or already reported): recorded for the audit trail, and nothing else changes.
 *
 * @param currentJobId the job the document waits for, or null when it waits for none
 * @param textRef the blob an {@code OcrSucceeded} wrote its text to, null for any other result and in
 *     records written before it existed (an optional field added with erasure: the blob is purged with the
 *     document)
 */
public record StaleJobResultIgnored(
        UUID jobId, String resultType, UUID currentJobId, @JsonProperty(isRequired = OptBoolean.FALSE) String textRef)
        implements DocumentEvent {
    public StaleJobResultIgnored {
        Require.present(jobId, "jobId");
        Require.text(resultType, "resultType");
    }

    /** A stale result that wrote no blob. */
    public StaleJobResultIgnored(UUID jobId, String resultType, UUID currentJobId) {
        this(jobId, resultType, currentJobId, null);
    }
}
