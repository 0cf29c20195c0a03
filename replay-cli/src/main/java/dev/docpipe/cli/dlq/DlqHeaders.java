package dev.docpipe.cli.dlq;

/**
 * The headers pipeline-streams puts on docpipe.dlq records (its topology.DeadLetter; a test checks they
 * agree). The CLI does not import the pipeline.
 */
public final class DlqHeaders {
    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** Added by {@code dlq replay} to the re-injected record. */
    public static final String REPLAYED_FROM = "docpipe.replayed-from";

    private DlqHeaders() {}

    public static boolean isDlqHeader(String name) {
        return name.startsWith("dlq.");
    }
}
