package dev.docpipe.workers.execution;

import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.job.JobResult;

/** Turns one job into its result. Implementations do the real work and never touch Kafka. */
public interface JobExecutor {

    JobKind kind();

    /**
     * @return a result naming {@code ctx.job().jobId()}: success, or a failure (retryable or not)
     * @throws JobAbortedException when there is nothing worth reporting (deadline, shutdown,
     *     transient failures until the deadline)
     */
    JobResult execute(JobContext ctx) throws JobAbortedException;
}
