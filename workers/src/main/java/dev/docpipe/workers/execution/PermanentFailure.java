package dev.docpipe.workers.execution;

/**
 * The job cannot succeed, however often it is tried: the worker reports a non-retryable failure at
 * once instead of retrying until the deadline.
 */
public final class PermanentFailure extends Exception {
    private final FailureReason reason;

    public PermanentFailure(FailureReason reason, String detail) {
        this(reason, detail, null);
    }

    public PermanentFailure(FailureReason reason, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
