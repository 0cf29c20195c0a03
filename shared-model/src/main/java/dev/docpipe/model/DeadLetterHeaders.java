package dev.docpipe.model;

/**
 * The headers every writer of {@code docpipe.dlq} puts on a dead-lettered record (pipeline, workers, API
 * listeners), so that one operator tool ({@code docpipe dlq}) can list, show and replay them all. The
 * record's key and value stay the original bytes.
 */
public final class DeadLetterHeaders {
    /** A stable code, e.g. a RejectReason name or {@code PROCESSING_ERROR}; built by {@link DeadLetter}. */
    public static final String REASON = "dlq.reason";
    /** Human-readable detail, at most ~2,000 characters. */
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    private DeadLetterHeaders() {}
}
