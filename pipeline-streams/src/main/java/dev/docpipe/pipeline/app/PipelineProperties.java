package dev.docpipe.pipeline.app;

import dev.docpipe.kafkaconfig.KafkaSecurity;
import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code docpipe.pipeline.*} in application.yml; every property also has an environment variable
 * there (DOCPIPE_KAFKA_BOOTSTRAP, DOCPIPE_PARTITIONS, …).
 *
 * @param instanceId a stable name per instance (e.g. the pod name) for static group membership; empty
 *     for dynamic membership
 * @param streams raw Kafka Streams settings, applied last
 * @param dlqRetention how long docpipe.dlq keeps a dead letter (default 14 days; see TopicProvisioner)
 */
@ConfigurationProperties("docpipe.pipeline")
public record PipelineProperties(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        int partitions,
        short replicationFactor,
        Duration commitInterval,
        int streamThreads,
        String processingGuarantee,
        Duration scanLease,
        Duration ocrLease,
        int maxJobIssues,
        Duration commandIdRetention,
        int maxRememberedCommands,
        Duration leaseCheckInterval,
        String instanceId,
        Map<String, String> streams,
        Duration dlqRetention) {

    /**
     * @param security from the DOCPIPE_KAFKA_* variables, shared with every other docpipe client; the raw
     *     {@code streams} settings still win, so a deployment can set what KafkaSecurity does not cover
     */
    public PipelineConfig toConfig(KafkaSecurity security) {
        TopologySettings topology = new TopologySettings(new LeasePolicy(scanLease, ocrLease, maxJobIssues),
                commandIdRetention, maxRememberedCommands, leaseCheckInterval);
        Map<String, String> overrides = new HashMap<>(security.clientProperties());
        overrides.putAll(streams == null ? Map.of() : streams);
        if (instanceId != null && !instanceId.isBlank()) {
            // Static membership: a restarted instance takes its partitions back at once instead of
            // waiting for the group to time out its previous incarnation.
            overrides.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, topology, overrides, dlqRetention);
    }
}
