package dev.docpipe.cli.kafka;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.support.Failures;
import dev.docpipe.history.TopicClients;
import dev.docpipe.kafkaconfig.AuthenticationFailure;
import dev.docpipe.kafkaconfig.KafkaSecurity;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The CLI's connection to Kafka: an admin client for metadata and offsets, and factories for the
 * group-less consumers (read_committed) and idempotent producers the commands use.
 */
public final class KafkaAccess implements AutoCloseable, TopicClients {
    private final String bootstrapServers;
    private final KafkaSecurity security;
    private final Duration timeout;
    private final Admin admin;

    private KafkaAccess(String bootstrapServers, KafkaSecurity security, Duration timeout, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.timeout = timeout;
        this.admin = admin;
    }

    /** With the security settings of the DOCPIPE_KAFKA_* variables. */
    public static KafkaAccess connect(String bootstrapServers, Duration timeout) {
        return connect(bootstrapServers, KafkaSecurity.fromEnvironment(), timeout);
    }

    /**
     * Connects and checks that the cluster answers within {@code timeout}; exit 2 with a clear message if not
     * (a refused login is named as such, not reported as an unreachable broker).
     */
    public static KafkaAccess connect(String bootstrapServers, KafkaSecurity security, Duration timeout) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw CliException.usage("no Kafka bootstrap servers given (--bootstrap-servers or DOCPIPE_KAFKA_BOOTSTRAP)");
        }
        Admin admin;
        try {
            Map<String, Object> config = new HashMap<>(security.clientProperties());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "docpipe-cli-admin");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw CliException.usage("cannot use Kafka bootstrap servers '" + bootstrapServers + "': "
                    + Failures.describe(e));
        }
        KafkaAccess access = new KafkaAccess(bootstrapServers, security, timeout, admin);
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            access.close();
            AuthenticationFailure.describe(e, security).ifPresent(refused -> {
                throw CliException.usage(refused);
            });
            // A SASL listener drops a client that does not authenticate; the client only sees the
            // connection close and retries until the timeout, so the likely cause is spelled out here.
            String unauthenticated = security.protocol() == SecurityProtocol.PLAINTEXT
                    ? "; if the broker requires authentication, set DOCPIPE_KAFKA_SECURITY_PROTOCOL and the"
                            + " DOCPIPE_KAFKA_SASL_* credentials (--kafka-security-protocol, --kafka-sasl-username)"
                    : "";
            throw CliException.usage("cannot reach Kafka at " + bootstrapServers + " within " + human(timeout)
                    + " over " + security + " (check --bootstrap-servers / DOCPIPE_KAFKA_BOOTSTRAP" + unauthenticated + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            access.close();
            throw CliException.failure("interrupted while connecting to Kafka");
        }
        return access;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The topic's partitions, in partition order; exit 2 if the topic does not exist. */
    public List<TopicPartition> partitions(String topic) {
        try {
            TopicDescription description = get(admin.describeTopics(List.of(topic)).topicNameValues().get(topic));
            return description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw CliException.usage("topic " + topic + " does not exist on " + bootstrapServers);
            }
            throw kafkaFailure("describing " + topic, e.getCause());
        }
    }

    public boolean topicExists(String topic) {
        try {
            return get(admin.listTopics().names()).contains(topic);
        } catch (ExecutionException e) {
            throw kafkaFailure("listing topics", e.getCause());
        }
    }

    /** End offsets as a read_committed reader sees them (the last stable offset). */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest());
    }

    /** For each partition the first offset whose timestamp is at or after {@code epochMillis}, or the end offset. */
    public Map<TopicPartition, Long> offsetsAt(Collection<TopicPartition> partitions, long epochMillis) {
        Map<TopicPartition, Long> at = offsets(partitions, OffsetSpec.forTimestamp(epochMillis));
        Map<TopicPartition, Long> end = null;
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long offset = at.getOrDefault(tp, -1L);
            if (offset < 0) {
                if (end == null) {
                    end = endOffsets(partitions);
                }
                offset = end.get(tp);
            }
            result.put(tp, offset);
        }
        return result;
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        return endOffsets(partitions(topic));
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        try {
            Map<TopicPartition, ListOffsetsResultInfo> info = get(admin.listOffsets(request,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
            Map<TopicPartition, Long> result = new HashMap<>();
            info.forEach((tp, i) -> result.put(tp, i.offset()));
            return result;
        } catch (ExecutionException e) {
            throw kafkaFailure("listing offsets", e.getCause());
        }
    }

    /** A read_committed consumer without a group (the shared readers of document-history). */
    @Override
    public KafkaConsumer<byte[], byte[]> consumer() {
        return consumer(IsolationLevel.READ_COMMITTED);
    }

    /** A consumer without a group: callers assign partitions and seek. */
    public KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
        Properties props = new Properties();
        props.putAll(security.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "docpipe-cli-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(1024 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout.toMillis(), 5_000)));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /** Idempotent, acks=all: a record is written once even if the send is retried. */
    @Override
    public KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(security.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "docpipe-cli-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(timeout.toMillis() * 3, 30_000)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(Math.max(timeout.toMillis(), 5_000), 30_000)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private <T> T get(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        } catch (TimeoutException e) {
            throw CliException.usage("Kafka at " + bootstrapServers + " did not answer within " + human(timeout));
        }
    }

    private CliException kafkaFailure(String what, Throwable cause) {
        Optional<String> refused = AuthenticationFailure.describe(cause, security);
        if (refused.isPresent()) {
            return CliException.usage("Kafka at " + bootstrapServers + ": " + what + " failed: " + refused.get());
        }
        return CliException.usage("Kafka at " + bootstrapServers + ": " + what + " failed: " + Failures.describe(cause));
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
