package dev.docpipe.history;

/**
 * A decoded record and where it is.
 *
 * @param traceId the W3C trace id of the record's {@code traceparent} header, or null without one
 */
public record Located<T>(T value, String topic, int partition, long offset, String traceId) {
    public Located(T value, String topic, int partition, long offset) {
        this(value, topic, partition, offset, null);
    }
}
