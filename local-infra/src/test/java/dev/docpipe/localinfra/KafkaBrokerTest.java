package dev.docpipe.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private final KafkaBroker broker = KafkaBroker.shared();

    @Test
    void sharedBrokerIsOneInstanceOnLoopback() {
        assertThat(KafkaBroker.shared()).isSameAs(broker);
        assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void createTopicsIsIdempotentAndDeleteTopicsRemovesThem() throws Exception {
        broker.createTopics(3, "kb-idem-a", "kb-idem-b");
        broker.createTopics(3, "kb-idem-a"); // second call must not throw

        try (AdminClient admin = broker.admin()) {
            var described = admin.describeTopics(List.of("kb-idem-a", "kb-idem-b")).allTopicNames().get();
            assertThat(described.get("kb-idem-a").partitions()).hasSize(3);

            broker.deleteTopics("kb-idem-a", "kb-idem-b", "kb-never-existed");
            // Deletion completes asynchronously on the broker's metadata.
            await("topics deleted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get())
                            .doesNotContain("kb-idem-a", "kb-idem-b"));
        }
    }

    @Test
    void topicsAreNotAutoCreated() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            assertThat(consumer.partitionsFor("kb-no-such-topic")).isEmpty();
        }
        try (AdminClient admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("kb-no-such-topic");
        }
    }

    /** exactly_once_v2 needs the transaction log on a single node: a transaction must commit. */
    @Test
    void transactionsCommitAndReadCommittedSeesThem() {
        String topic = "kb-tx";
        broker.createTopics(1, topic);
        Properties p = new Properties();
        p.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kb-tx-producer",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).containsExactly("committed");
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "kb-test-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        return new KafkaConsumer<>(p);
    }
}
