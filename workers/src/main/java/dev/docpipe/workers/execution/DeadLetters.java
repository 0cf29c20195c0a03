package dev.docpipe.workers.execution;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.RejectReason;
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
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> template;

    public DeadLetters(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    public void send(ConsumerRecord<String, byte[]> record, RejectReason reason, String detail) {
        DeadLetter letter = new DeadLetter(reason.name(), detail, record.topic(), record.partition(), record.offset());
        RecordHeaders headers = new RecordHeaders();
        letter.headers().forEach(headers::add);
        template.send(new ProducerRecord<>(Topics.DLQ, null, record.key(), record.value(), headers));
        log.warn("dead-lettered {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(), reason,
                letter.detail());
    }
}
