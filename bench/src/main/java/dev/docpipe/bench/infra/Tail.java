package dev.docpipe.bench.infra;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic read_committed from given offsets (no consumer group) on its own thread and hands every
 * record to a callback: how the harness sees outcomes, events and jobs as a downstream consumer would.
 */
public final class Tail implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private Tail(String bootstrap, Map<TopicPartition, Long> from, Consumer<ConsumerRecord<String, byte[]>> onRecord,
            String name) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tail-" + name + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        try {
                            onRecord.accept(record);
                        } catch (RuntimeException e) {
                            // A record this harness cannot read is not its business to judge here.
                        }
                    }
                }
            } catch (WakeupException | InterruptException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }, "tail-" + name);
        thread.setDaemon(true);
    }

    /** From the current end of {@code topic}: only what is written after this call returns. */
    public static Tail fromEnd(String bootstrap, String topic, Consumer<ConsumerRecord<String, byte[]>> onRecord) {
        return from(bootstrap, Kafka.endOffsets(bootstrap, topic), onRecord, topic);
    }

    public static Tail from(String bootstrap, Map<TopicPartition, Long> offsets,
            Consumer<ConsumerRecord<String, byte[]>> onRecord, String name) {
        Map<TopicPartition, Long> own = new HashMap<>(offsets);
        Tail tail = new Tail(bootstrap, own, onRecord, name);
        tail.thread.start();
        return tail;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The key as a document id, or null. */
    public static UUID documentId(ConsumerRecord<String, ?> record) {
        String key = record.key();
        if (key == null || key.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
