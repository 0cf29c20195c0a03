package dev.docpipe.bench.infra;

import dev.docpipe.model.Ids;
import dev.docpipe.model.job.JobKind;
import java.util.UUID;

/**
 * The id the pipeline gives the first job a command emits, so that a harness can answer a job as a worker
 * would, or time a command to its job, without reading the job first. Mirrors DocumentDecider, which
 * derives a job's id from its command, kind and attempt (private there).
 */
public final class JobIds {
    private JobIds() {}

    public static UUID firstJob(UUID commandId, JobKind kind) {
        return Ids.derive(commandId, "job/" + kind + "/1");
    }
}
