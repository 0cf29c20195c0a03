package dev.docpipe.pipeline;

import dev.docpipe.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates docpipe's topics if they are missing, with explicit partition counts and configs. Topics that
 * exist are left as they are, but for the DLQ's retention: {@link PartitionLayout} then checks that their
 * counts still fit together.
 */
public final class TopicProvisioner {
    /**
     * How long {@code docpipe.dlq} keeps a dead letter by default. A dead letter is a record's raw bytes, which
     * may hold personal data that no key protects (a legacy plain-text record, a malformed one): a finite
     * retention bounds how long such bytes outlive an erasure. Long enough for an operator to look at, and
     * replay, what went wrong (docs/decisions/0012-erasure-by-crypto-shredding.md).
     */
    public static final Duration DEFAULT_DLQ_RETENTION = Duration.ofDays(14);

    private TopicProvisioner() {}

    /** For a plaintext broker (tools, tests, the dev stack). */
    public static void ensureTopics(String bootstrapServers, int partitions, short replicationFactor) {
        ensureTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitions, replicationFactor,
                DEFAULT_DLQ_RETENTION);
    }

    /** With the admin client settings of the caller (security protocol, SASL, TLS included). */
    public static void ensureTopics(Map<String, Object> adminConfig, int partitions, short replicationFactor) {
        ensureTopics(adminConfig, partitions, replicationFactor, DEFAULT_DLQ_RETENTION);
    }

    /**
     * As above, with the DLQ's retention: set on a new DLQ and on one that exists, because a DLQ created before
     * erasure existed kept its dead letters for ever.
     */
    public static void ensureTopics(
            Map<String, Object> adminConfig, int partitions, short replicationFactor, Duration dlqRetention) {
        Object bootstrapServers = adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(adminConfig)) {
            List<NewTopic> wanted = new ArrayList<>();
            for (String topic : Topics.ALL) {
                wanted.add(new NewTopic(topic, partitions, replicationFactor)
                        .configs(configFor(topic, replicationFactor, dlqRetention)));
            }
            for (var result : admin.createTopics(wanted).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create docpipe topics: " + e.getCause(), e.getCause());
                    }
                }
            }
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DLQ);
            try {
                admin.incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(new ConfigEntry(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(dlqRetention.toMillis())),
                        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not set the retention of " + Topics.DLQ + ": " + e.getCause(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not reach Kafka at " + bootstrapServers + " to create topics", e);
        }
    }

    static Map<String, String> configFor(String topic, short replicationFactor, Duration dlqRetention) {
        var configs = new java.util.HashMap<String, String>();
        if (replicationFactor >= 3) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        // The event log is the system of record and the command log the input of redrives: keep both.
        if (topic.equals(Topics.EVENTS) || topic.equals(Topics.COMMANDS)) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
        if (topic.equals(Topics.DLQ)) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(dlqRetention.toMillis()));
        }
        return configs;
    }
}
