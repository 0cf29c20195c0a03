package dev.docpipe.pipeline.it;

import dev.docpipe.model.Topics;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's view of the real topics: sends commands and results like the API and workers do, and reads
 * outputs read_committed, keeping only the documents the test owns (the broker is shared by the
 * test classes of one JVM).
 */
final class LiveTopics implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    LiveTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    void send(Command command) {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.documentId().toString(),
                ModelJson.COMMANDS.encode(command)));
    }

    void send(JobResult result) {
        producer.send(new ProducerRecord<>(Topics.JOB_RESULTS, result.documentId().toString(),
                ModelJson.RESULTS.encode(result)));
    }

    /** As a producer that ignores the key's partition would (e.g. librdkafka's default partitioner). */
    void sendToPartition(Command command, int partition) {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, partition, command.documentId().toString(),
                ModelJson.COMMANDS.encode(command)));
    }

    void sendRaw(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void flush() {
        producer.flush();
    }

    List<CommandOutcome> outcomes(Set<UUID> documents) {
        return read(Topics.COMMAND_OUTCOMES, ModelJson.OUTCOMES::decode, documents);
    }

    List<RecordedEvent> events(Set<UUID> documents) {
        return read(Topics.EVENTS, ModelJson.EVENTS::decode, documents);
    }

    List<Job> jobs(String topic, Set<UUID> documents) {
        return read(topic, ModelJson.JOBS::decode, documents);
    }

    /** Reads until {@code done} holds for the test's records of {@code topic}, or the timeout passes. */
    <T> List<T> awaitRecords(String topic, Function<byte[], T> decode, Set<UUID> documents, Predicate<List<T>> done,
            Duration timeout) {
        List<ConsumerRecord<String, String>> raw = TopicReader.readCommitted(bootstrapServers).readUntil(topic,
                records -> done.test(decodeOwn(records, decode, documents)), timeout);
        return decodeOwn(raw, decode, documents);
    }

    private <T> List<T> read(String topic, Function<byte[], T> decode, Set<UUID> documents) {
        return decodeOwn(TopicReader.readCommitted(bootstrapServers).readAll(topic), decode, documents);
    }

    private static <T> List<T> decodeOwn(
            List<ConsumerRecord<String, String>> records, Function<byte[], T> decode, Set<UUID> documents) {
        return records.stream()
                .filter(r -> r.key() != null && documents.contains(parseOrNull(r.key())))
                .map(r -> decode.apply(r.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static UUID parseOrNull(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
