package dev.docpipe.cli.it;

import dev.docpipe.model.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a producer of today's code write every other job, event and job result as the next version would (an
 * extra optional field in the envelope and one in the first nested object), in the same transaction as the
 * rest of its output. During a rolling upgrade a document's partition moves between pipeline instances of
 * both versions, and half of the workers are already on the next one, so the topics hold such a mix, each
 * job still named by its event and answered by its result; injecting look-alike records from outside would
 * break exactly that pairing, which the audit checks. Keys pass through untouched: the pipeline's are bytes,
 * the workers' strings.
 */
public final class NextVersionWriter implements ProducerInterceptor<Object, byte[]> {
    static final String NESTED_FIELD = "addedInNextVersion";
    private static final Set<String> REWRITTEN = Set.of(Topics.SCAN_JOBS, Topics.OCR_JOBS, Topics.EVENTS,
            Topics.JOB_RESULTS);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // per topic, so that each topic holds both forms whatever the order of a producer's records
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();

    @Override
    public ProducerRecord<Object, byte[]> onSend(ProducerRecord<Object, byte[]> record) {
        if (!REWRITTEN.contains(record.topic()) || record.value() == null
                || SEEN.computeIfAbsent(record.topic(), topic -> new AtomicLong()).incrementAndGet() % 2 == 0) {
            return record;
        }
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                nextVersionOf(record.value()), record.headers());
    }

    static byte[] nextVersionOf(byte[] today) {
        ObjectNode next = (ObjectNode) JSON.readTree(today);
        next.put("traceId", "next-version");
        for (Map.Entry<String, JsonNode> field : next.properties()) {
            if (field.getValue() instanceof ObjectNode nested) {
                nested.put(NESTED_FIELD, true);
                break;
            }
        }
        return JSON.writeValueAsBytes(next);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
