package dev.docpipe.workers.execution;

import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.RejectReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a job record nobody can act on to {@code docpipe.dlq}, unchanged, with the reason and its
 * origin in headers (the names the pipeline uses too, so operators read one format). Sent through
 * the listener's transaction: the record lands in the DLQ exactly when its offset is committed.
 */
@Component
public class DeadLetters {
    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String DETAIL = DeadLetterHeaders.DETAIL;
    public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;
    private static final int MAX_DETAIL = 2000;
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> template;

    public DeadLetters(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    public void send(ConsumerRecord<String, byte[]> record, RejectReason reason, String detail) {
        String shortDetail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(reason.name()));
        headers.add(DETAIL, utf8(shortDetail));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        template.send(new ProducerRecord<>(Topics.DLQ, null, record.key(), record.value(), headers));
        log.warn("dead-lettered {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(), reason, shortDetail);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
