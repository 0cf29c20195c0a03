package dev.docpipe.bench.infra;

import dev.docpipe.pipeline.TopicProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topic, offset and producer plumbing shared by the benchmark and the torture suite. */
public final class Kafka {
    /** Partitions of every topic the bench module creates (docpipe's own included, if it creates them first). */
    public static final int PARTITIONS = 4;

    private Kafka() {}

    public static void ensureDocpipeTopics(String bootstrap) {
        TopicProvisioner.ensureTopics(bootstrap, PARTITIONS, (short) 1);
    }

    public static void ensureTopic(String bootstrap, String topic) {
        try (Admin admin = admin(bootstrap)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create " + topic, e.getCause());
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    if (admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size()
                            == PARTITIONS) {
                        return;
                    }
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(topic + " not visible", e);
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The current end (log end offset; for read_committed readers the LSO is never past it). */
    public static Map<TopicPartition, Long> endOffsets(String bootstrap, String... topics) {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            for (var description : admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                description.partitions().forEach(p ->
                        wanted.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(wanted).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        } catch (Exception e) {
            throw new IllegalStateException("could not list end offsets of " + List.of(topics), e);
        }
    }

    /**
     * Commits the group's offsets at the current end of {@code topics} before the group first runs: a fresh
     * Streams application id then decides only what is produced from now on, instead of re-deciding every
     * command an earlier phase (or test class) left on the shared topics.
     */
    public static void startGroupAtEnd(String bootstrap, String groupId, String... topics) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        endOffsets(bootstrap, topics).forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        try (Admin admin = admin(bootstrap)) {
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not set offsets of group " + groupId, e);
        }
    }

    /** Like the API's and the workers' producers: idempotent, acks=all, a few ms of batching. */
    public static KafkaProducer<String, byte[]> producer(String bootstrap, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    public static List<TopicPartition> partitions(Map<TopicPartition, Long> offsets, String topic) {
        List<TopicPartition> list = new ArrayList<>();
        offsets.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(list::add);
        return list;
    }
}
