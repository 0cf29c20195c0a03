package dev.docpipe.api.deadletter;

import dev.docpipe.model.DeadLetterHeaders;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a record the API's listeners cannot read to {@code docpipe.dlq}, unchanged, with the reason and
 * origin in the headers all writers use (DeadLetterHeaders), so {@code docpipe dlq} shows it. The send is
 * awaited before the listener returns: the batch's offsets are committed only once the record is safe in
 * the DLQ (a failure retries the batch; at worst a record is dead-lettered twice, never lost).
 */
@Component
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_DETAIL = 2000;

    private final KafkaTemplate<String, byte[]> kafka;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void send(ConsumerRecord<String, byte[]> record, RejectedRecordException rejected) {
        String message = rejected.getMessage() == null ? "" : rejected.getMessage();
        String detail = message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) : message;
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(rejected.reason().name()));
        headers.add(DeadLetterHeaders.DETAIL, utf8(detail));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        try {
            kafka.send(new ProducerRecord<>(Topics.DLQ, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition()
                    + "@" + record.offset(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        log.warn("dead-lettered {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(),
                rejected.reason(), detail);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
