package dev.docpipe.model.document;

import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import java.time.Instant;
import java.util.UUID;

/**
 * The job a document is waiting for. Only a result naming {@code jobId} may change the document.
 *
 * @param issue how many times the current intent (a scan, an OCR) has been dispatched: 1 for the
 *     first job, +1 for each re-issue after an expired lease
 */
public record JobLease(UUID jobId, JobKind kind, int attempt, Instant deadline, int issue, String engineVersion) {
    public static JobLease of(Job job, int issue) {
        return new JobLease(job.jobId(), job.kind(), job.attempt(), job.deadline(), issue, job.engineVersion());
    }

    public boolean expiredAt(Instant now) {
        return !deadline.isAfter(now);
    }
}
