package dev.docpipe.pipeline.app;

import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code docpipe.pipeline.*} in application.yml; every property also has an environment variable
 * there (DOCPIPE_KAFKA_BOOTSTRAP, DOCPIPE_PARTITIONS, …).
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
        Map<String, String> streams) {

    public PipelineConfig toConfig() {
        TopologySettings topology = new TopologySettings(new LeasePolicy(scanLease, ocrLease, maxJobIssues),
                commandIdRetention, maxRememberedCommands, leaseCheckInterval);
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, topology, streams == null ? Map.of() : streams);
    }
}
