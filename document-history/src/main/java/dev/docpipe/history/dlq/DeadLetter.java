package dev.docpipe.history.dlq;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record on docpipe.dlq: the original key and value, untouched, with why and where it came from. */
public record DeadLetter(
        int partition,
        long offset,
        Instant timestamp,
        String reason,
        String detail,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        String key,
        int valueBytes,
        Map<String, String> headers,
        @JsonIgnore ConsumerRecord<byte[], byte[]> record) {

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                headers.getOrDefault(DlqHeaders.REASON, "?"), headers.get(DlqHeaders.DETAIL),
                headers.get(DlqHeaders.SOURCE_TOPIC), parseInt(headers.get(DlqHeaders.SOURCE_PARTITION)),
                parseLong(headers.get(DlqHeaders.SOURCE_OFFSET)),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                r.value() == null ? 0 : r.value().length, headers, r);
    }

    public RecordAddress address() {
        return new RecordAddress(partition, offset);
    }

    public String source() {
        return sourceTopic == null ? "?" : sourceTopic + "/" + sourcePartition + "/" + sourceOffset;
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
