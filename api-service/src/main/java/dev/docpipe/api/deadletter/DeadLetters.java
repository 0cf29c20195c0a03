package dev.docpipe.api.deadletter;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.RejectedRecordException;
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
 * origin in the headers all writers use (shared-model's DeadLetter), so {@code docpipe dlq} shows it. The send is
 * awaited before the listener returns: the batch's offsets are committed only once the record is safe in
 * the DLQ (a failure retries the batch; at worst a record is dead-lettered twice, never lost).
 */
@Component
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void send(ConsumerRecord<String, byte[]> record, RejectedRecordException rejected) {
        DeadLetter letter = new DeadLetter(rejected.reason().name(), rejected.getMessage(), record.topic(),
                record.partition(), record.offset());
        RecordHeaders headers = new RecordHeaders();
        letter.headers().forEach(headers::add);
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
                rejected.reason(), letter.detail());
    }
}
