package dev.docpipe.history;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Where the readers get their Kafka clients: {@code docpipe} (replay-cli) from its own connection settings, the
 * API from Spring's. Consumers must be group-less and {@code read_committed} (the pipeline writes inside
 * transactions); producers idempotent.
 */
public interface TopicClients {
    Consumer<byte[], byte[]> consumer();

    Producer<byte[], byte[]> producer();
}
