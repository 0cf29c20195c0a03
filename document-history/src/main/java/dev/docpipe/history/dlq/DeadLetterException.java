package dev.docpipe.history.dlq;

/** A DLQ request that cannot be carried out, with what is wrong (the CLI exits 2 or 1, the API answers 4xx/5xx). */
public class DeadLetterException extends RuntimeException {
    public enum Problem {
        /** No record at that address (or the partition does not exist). */
        NOT_FOUND,
        /** The record names no source topic and no target was given. */
        NO_SOURCE_TOPIC,
        /** The target is docpipe.dlq itself. */
        INTO_DLQ,
        /** The target topic does not exist. */
        UNKNOWN_TOPIC,
        /** The broker did not take a record. */
        SEND_FAILED
    }

    private final Problem problem;

    public DeadLetterException(Problem problem, String message) {
        this(problem, message, null);
    }

    public DeadLetterException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
