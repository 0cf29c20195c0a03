package dev.docpipe.workers.execution;

/**
 * The job stopped without an outcome worth reporting. No result is produced: the pipeline's lease
 * re-issues the job under a new id when its deadline passes, which is the designed way to retry
 * work a worker could not finish.
 */
public final class JobAbortedException extends Exception {

    public enum Cause {
        /** The job's deadline passed; a result now would most likely be stale. */
        DEADLINE_EXCEEDED,
        /** Transient failures (I/O) went on until the deadline. */
        TRANSIENT_FAILURES,
        /** The worker is shutting down and the grace period ran out. */
        SHUTDOWN
    }

    private final Cause abortCause;

    public JobAbortedException(Cause cause, String message, Throwable lastError) {
        super(message, lastError);
        this.abortCause = cause;
    }

    public Cause abortCause() {
        return abortCause;
    }
}
