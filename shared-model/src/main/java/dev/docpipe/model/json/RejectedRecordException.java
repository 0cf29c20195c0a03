package dev.docpipe.model.json;

/** A record that cannot be read: it belongs in the DLQ with {@link #reason()} and the message. */
public final class RejectedRecordException extends RuntimeException {
    private final RejectReason reason;

    public RejectedRecordException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectedRecordException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public RejectReason reason() {
        return reason;
    }
}
