package dev.docpipe.testsupport;

import dev.docpipe.localinfra.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads a whole topic with a fresh consumer each call: no consumer group, no committed offsets,
 * so one test's reads never influence another's. Default isolation is read_committed because
 * that is what downstream consumers of an exactly-once pipeline see.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final IsolationLevel isolation;

    private TopicReader(String bootstrapServers, IsolationLevel isolation) {
        this.bootstrapServers = bootstrapServers;
        this.isolation = isolation;
    }

    public static TopicReader readCommitted(String bootstrapServers) {
        return new TopicReader(bootstrapServers, IsolationLevel.READ_COMMITTED);
    }

    public static TopicReader readUncommitted(String bootstrapServers) {
        return new TopicReader(bootstrapServers, IsolationLevel.READ_UNCOMMITTED);
    }

    /** read_committed against {@link KafkaBroker#shared()}. */
    public static TopicReader readCommitted() {
        return readCommitted(KafkaBroker.shared().bootstrapServers());
    }

    /** read_uncommitted against {@link KafkaBroker#shared()}. */
    public static TopicReader readUncommitted() {
        return readUncommitted(KafkaBroker.shared().bootstrapServers());
    }

    /**
     * Everything up to the end offsets taken at the start of the call. Under read_committed the end
     * is the last stable offset, so an open transaction stops the read at its first record instead
     * of making it wait forever.
     *
     * @throws IllegalArgumentException if the topic does not exist
     * @throws IllegalStateException if the end is not reached within 30 s
     */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            if (partitions.isEmpty()) {
                // An empty list here would let "nothing was published" assertions pass on a typo.
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
            // Compare positions, not record counts: aborted records and transaction markers take
            // offsets but are never returned, and the position moves past them anyway.
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("did not reach end offsets " + end + " of " + topic
                            + " within " + DEFAULT_TIMEOUT + "; read " + records.size() + " records");
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Polls from the beginning until {@code done} holds for everything read so far, or the timeout
     * passes; either way returns what was read, so the caller's assertion shows the actual records.
     */
    public List<ConsumerRecord<String, String>> readUntil(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            // The topic may not exist yet when the app under test creates it.
            try {
                // Same thread: a KafkaConsumer must not be touched by Awaitility's poller thread
                // while this one closes it after a timeout.
                Awaitility.await().atMost(timeout).pollInterval(POLL).pollInSameThread()
                        .until(() -> !assignFromBeginning(consumer, topic).isEmpty());
            } catch (ConditionTimeoutException e) {
                return records;
            }
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // close() waits for the prefetch the broker parks for up to fetch.max.wait.ms (500 ms by
        // default); at 50 ms a read of a few records takes tens of ms instead of over half a second.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(props);
    }
}
