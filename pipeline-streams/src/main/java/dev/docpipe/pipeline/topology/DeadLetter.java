package dev.docpipe.pipeline.topology;

import dev.docpipe.model.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The headers of a record on {@code docpipe.dlq}. The value and key are the original bytes, untouched,
 * so an operator can fix the cause and re-inject the record as it was.
 */
public final class DeadLetter {
    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String DETAIL = DeadLetterHeaders.DETAIL;
    public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;
    /** Why a record was dead-lettered when the processing itself failed (a bug), not the record's form. */
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";

    private DeadLetter() {}

    static Headers headers(String reason, String detail, RecordMetadata source, Headers original) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        add(headers, REASON, reason);
        add(headers, DETAIL, detail == null ? "" : truncate(detail));
        if (source != null) {
            add(headers, SOURCE_TOPIC, source.topic());
            add(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
            add(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        }
        return headers;
    }

    private static String truncate(String detail) {
        return detail.length() <= 2000 ? detail : detail.substring(0, 2000) + "…";
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
