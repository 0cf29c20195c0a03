package dev.docpipe.model.event;

import dev.docpipe.model.Require;
import dev.docpipe.model.job.JobKind;
import java.time.Instant;
import java.util.UUID;

/** No result came before the job's deadline; a re-issue or a failure event follows. */
public record JobLeaseExpired(UUID jobId, JobKind kind, int attempt, Instant deadline) implements DocumentEvent {
    public JobLeaseExpired {
        Require.present(jobId, "jobId");
        Require.present(kind, "kind");
        Require.present(deadline, "deadline");
    }
}
