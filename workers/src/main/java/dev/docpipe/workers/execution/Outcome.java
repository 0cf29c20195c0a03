package dev.docpipe.workers.execution;

import java.util.Locale;

/** What became of one job record; the {@code outcome} tag of the worker's metrics. */
public enum Outcome {
    /** Executed; a success result was produced. */
    SUCCEEDED,
    /** Executed; a failure result was produced. */
    FAILED,
    /** A result for this job id exists already: not executed again. */
    DUPLICATE,
    /** Its deadline had passed on arrival: the pipeline has re-issued or will re-issue it. */
    EXPIRED,
    /** Started but no result (deadline reached, transient failures): left to the lease. */
    ABANDONED,
    /** Cancelled by shutdown; its offset is not committed, so another worker runs it. */
    CANCELLED,
    /** Unreadable record: sent to the DLQ. */
    REJECTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
