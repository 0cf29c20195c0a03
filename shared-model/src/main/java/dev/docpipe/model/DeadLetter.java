package dev.docpipe.model;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a record went to {@code docpipe.dlq} and where it came from: the one builder of the
 * {@link DeadLetterHeaders} every writer (pipeline, workers, API listeners) puts on it, so that
 * {@code docpipe dlq} reads one format. Kafka-free: each writer copies {@link #headers()} into its
 * record's headers; the key and value stay the original bytes.
 *
 * @param reason a stable code: a RejectReason name, {@link #WRONG_PARTITION}, {@link #PROCESSING_ERROR}
 * @param detail for a person; cut to {@link #MAX_DETAIL} characters
 * @param sourceTopic null when the origin is unknown (then partition and offset are not written)
 */
public record DeadLetter(String reason, String detail, String sourceTopic, int sourcePartition, long sourceOffset) {
    public static final int MAX_DETAIL = 2_000;
    /** The record's partition is not the one its key hashes to (murmur2, as Kafka's Java producer computes it). */
    public static final String WRONG_PARTITION = "WRONG_PARTITION";
    /** Processing the record failed (a bug, an output that cannot be encoded), not its form. */
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";

    public DeadLetter {
        Require.text(reason, "reason");
        detail = detail == null ? "" : detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    /** The headers, in a fixed order, as UTF-8 bytes. */
    public Map<String, byte[]> headers() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(DeadLetterHeaders.REASON, utf8(reason));
        headers.put(DeadLetterHeaders.DETAIL, utf8(detail));
        if (sourceTopic != null) {
            headers.put(DeadLetterHeaders.SOURCE_TOPIC, utf8(sourceTopic));
            headers.put(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
            headers.put(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
        }
        return Collections.unmodifiableMap(headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
