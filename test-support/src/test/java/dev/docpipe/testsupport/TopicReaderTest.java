package dev.docpipe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.localinfra.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** TopicReader against the shared broker: committed-only reads, open transactions, waiting reads. */
class TopicReaderTest {

    private final KafkaBroker broker = KafkaBroker.shared();

    @Test
    void topicsAreNotAutoCreated() {
        assertThatThrownBy(() -> TopicReader.readCommitted().readAll("kb-no-such-topic"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnlyAndStopsAtAnOpenOne() {
        String topic = "kb-tx";
        broker.createTopics(2, topic);
        try (KafkaProducer<String, String> producer = transactionalProducer("kb-tx-producer")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k1", "committed-1"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k2", "aborted"));
            producer.flush(); // otherwise abort drops it client-side and it never reaches the log
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k3", "committed-2"));
            producer.commitTransaction();

            assertThat(values(TopicReader.readCommitted().readAll(topic)))
                    .containsExactlyInAnyOrder("committed-1", "committed-2");
            assertThat(values(TopicReader.readUncommitted().readAll(topic)))
                    .containsExactlyInAnyOrder("committed-1", "aborted", "committed-2");

            // An open transaction holds the last stable offset back: readAll must still return.
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k4", "pending"));
            producer.flush();
            assertThat(values(TopicReader.readCommitted().readAll(topic)))
                    .containsExactlyInAnyOrder("committed-1", "committed-2");
            assertThat(values(TopicReader.readUncommitted().readAll(topic))).contains("pending");

            producer.commitTransaction();
            assertThat(values(TopicReader.readCommitted().readAll(topic))).contains("pending").hasSize(3);
        }
    }

    @Test
    void readUntilWaitsForRecordsAndGivesUpAtTheTimeout() {
        String topic = "kb-until";
        broker.createTopics(1, topic);

        // Start reading before anything is produced: readUntil has to keep polling.
        CompletableFuture<List<ConsumerRecord<String, String>>> reading = CompletableFuture.supplyAsync(
                () -> TopicReader.readCommitted().readUntil(topic, r -> r.size() >= 2, Duration.ofSeconds(20)));
        try (KafkaProducer<String, String> producer = transactionalProducer("kb-until-producer")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "v1"));
            producer.send(new ProducerRecord<>(topic, "k", "v2"));
            producer.commitTransaction();
        }
        assertThat(values(reading.join())).containsExactly("v1", "v2");

        // The timeout must leave room for a fresh consumer's first fetch on a loaded 2-core machine.
        long start = System.nanoTime();
        var partial = TopicReader.readCommitted().readUntil(topic, r -> r.size() >= 3, Duration.ofSeconds(4));
        assertThat(values(partial)).containsExactly("v1", "v2");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

        var missing = TopicReader.readCommitted().readUntil("kb-until-missing", r -> !r.isEmpty(), Duration.ofMillis(500));
        assertThat(missing).isEmpty();
    }

    private KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        return new KafkaProducer<>(p);
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
