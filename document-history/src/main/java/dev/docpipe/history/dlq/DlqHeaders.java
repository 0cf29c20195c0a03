package dev.docpipe.history.dlq;

import dev.docpipe.model.DeadLetterHeaders;

/**
 * The headers every writer puts on docpipe.dlq records (shared-model's DeadLetterHeaders), plus the one
 * {@code dlq replay} adds. The CLI does not import the pipeline.
 */
public final class DlqHeaders {
    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String DETAIL = DeadLetterHeaders.DETAIL;
    public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;
    /** Added by {@code dlq replay} to the re-injected record. */
    public static final String REPLAYED_FROM = "docpipe.replayed-from";

    private DlqHeaders() {}

    public static boolean isDlqHeader(String name) {
        return name.startsWith("dlq.");
    }
}
