package dev.docpipe.history;

/** Kafka did not deliver what was asked for in time (a broker down, a partition without a leader). */
public class HistoryReadException extends RuntimeException {
    public HistoryReadException(String message) {
        super(message);
    }

    public HistoryReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
