package dev.docpipe.pipeline;

import dev.docpipe.model.document.LeasePolicy;
import dev.docpipe.pipeline.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything needed to run the pipeline, independent of Spring (the dev stack and tests start it
 * directly).
 *
 * @param partitions partitions of docpipe's topics when this process creates them
 * @param commitInterval how often a task commits its transaction: the floor of command-to-job latency
 * @param streamsOverrides raw Kafka Streams settings, applied last (e.g. num.standby.replicas)
 */
public record PipelineConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        int partitions,
        short replicationFactor,
        Duration commitInterval,
        int streamThreads,
        String processingGuarantee,
        TopologySettings topology,
        Map<String, String> streamsOverrides) {

    public static final int DEFAULT_PARTITIONS = 12;
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public PipelineConfig {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public static PipelineConfig defaults(String bootstrapServers, String applicationId, Path stateDir) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, DEFAULT_PARTITIONS, (short) 1,
                DEFAULT_COMMIT_INTERVAL, 1, StreamsConfig.EXACTLY_ONCE_V2, TopologySettings.DEFAULT, Map.of());
    }

    /** Small and quick for tests on a single embedded broker: 4 partitions, short leases. */
    public static PipelineConfig forTests(String bootstrapServers, String applicationId, Path stateDir) {
        TopologySettings topology = new TopologySettings(
                new LeasePolicy(Duration.ofSeconds(30), Duration.ofSeconds(30), 3), Duration.ofHours(24), 32,
                Duration.ofMillis(200));
        return defaults(bootstrapServers, applicationId, stateDir).withPartitions(4).withTopology(topology);
    }

    public PipelineConfig withPartitions(int count) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, count, replicationFactor, commitInterval,
                streamThreads, processingGuarantee, topology, streamsOverrides);
    }

    public PipelineConfig withTopology(TopologySettings settings) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, settings, streamsOverrides);
    }

    public PipelineConfig withProcessingGuarantee(String guarantee) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, guarantee, topology, streamsOverrides);
    }

    public PipelineConfig withStreamsOverrides(Map<String, String> overrides) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, topology, overrides);
    }

    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        // Every output is keyed by the input's key: the job and outcome of a command are in the same
        // partition number as the command. Idempotence and acks=all are implied by exactly_once_v2.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(streamsOverrides);
        return props;
    }
}
