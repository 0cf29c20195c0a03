package dev.docpipe.api.ops;

import dev.docpipe.history.TopicClients;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The console's Kafka clients, built from the API's own {@code spring.kafka.*} settings (bootstrap servers, SASL/TLS):
 * group-less read_committed consumers of raw bytes, and an idempotent producer of raw bytes (a DLQ replay sends the
 * dead-lettered key and value unchanged). A client lives for one request; the console is used rarely.
 */
final class OpsKafkaClients implements TopicClients {
    private final KafkaProperties kafka;

    OpsKafkaClients(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    @Override
    public Consumer<byte[], byte[]> consumer() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "docpipe-api-ops");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    @Override
    public Producer<byte[], byte[]> producer() {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "docpipe-api-ops-replay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }
}
