package dev.docpipe.pipeline;

import dev.docpipe.model.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates docpipe's topics if they are missing, with explicit partition counts and configs. Topics that
 * exist are left as they are: {@link PartitionLayout} then checks that their counts still fit together.
 */
public final class TopicProvisioner {
    private TopicProvisioner() {}

    /** For a plaintext broker (tools, tests, the dev stack). */
    public static void ensureTopics(String bootstrapServers, int partitions, short replicationFactor) {
        ensureTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitions, replicationFactor);
    }

    /** With the admin client settings of the caller (security protocol, SASL, TLS included). */
    public static void ensureTopics(Map<String, Object> adminConfig, int partitions, short replicationFactor) {
        Object bootstrapServers = adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(adminConfig)) {
            List<NewTopic> wanted = new ArrayList<>();
            for (String topic : Topics.ALL) {
                wanted.add(new NewTopic(topic, partitions, replicationFactor).configs(configFor(topic, replicationFactor)));
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not reach Kafka at " + bootstrapServers + " to create topics", e);
        }
    }

    static Map<String, String> configFor(String topic, short replicationFactor) {
        var configs = new java.util.HashMap<String, String>();
        if (replicationFactor >= 3) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        // The event log is the system of record and the command log the input of redrives: keep both.
        if (topic.equals(Topics.EVENTS) || topic.equals(Topics.COMMANDS)) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
        return configs;
    }
}
