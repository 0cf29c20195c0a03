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
 *     (see {@link #DEFAULT_COMMIT_INTERVAL} for the latency settings and why)
 * @param streamsOverrides raw Kafka Streams settings, applied last (e.g. num.standby.replicas)
 * @param dlqRetention how long {@code docpipe.dlq} keeps a dead letter ({@link TopicProvisioner})
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
        Map<String, String> streamsOverrides,
        Duration dlqRetention) {

    public static final int DEFAULT_PARTITIONS = 12;

    /*
     * Settings for interactive latency. A command's job (and outcome) becomes visible to read_committed
     * readers only when the task commits its transaction, so the latency is: the wait for the next
     * commit (up to commit.interval.ms, or longer if the thread is blocked in poll) + the commit itself
     * (producer flush, offsets, EndTxn) + the reader's fetch. The trade-offs, and the figures behind the
     * chosen values, are in docs/performance.md ("Pipeline") and docs/decisions/0001-streams-commit-interval.md.
     *
     * - commit.interval.ms 50 (Kafka Streams' EOS default: 100). The wait for the next commit dominates
     *   the latency; a shorter interval means more transactions per second per stream thread, each
     *   blocking processing for a producer flush and two round trips and writing a marker to every
     *   partition it touched, which costs throughput. Configurable (docpipe.pipeline.commit-interval).
     * - poll.ms 5 (default 100). After processing, the stream thread checks whether a commit is due only
     *   when poll() returns, and with no new records poll() blocks for poll.ms: at interactive rates a
     *   command processed just after a commit would wait for poll.ms, longer than the commit interval.
     *   Under load poll() returns at once and this changes nothing; idle, it is a wake-up every 5 ms.
     * - consumer fetch.max.wait.ms: kept at 500. The broker answers a parked fetch as soon as data
     *   arrives, so it does not hold back commands; shorter waits only add fetch requests.
     * - producer linger.ms: kept at Kafka Streams' 100. Every exactly-once commit flushes the producer,
     *   so nothing waits longer than the commit; a shorter linger sends smaller batches and costs the
     *   decider throughput.
     *
     * All of these can be overridden through streamsOverrides (docpipe.pipeline.streams).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(50);
    static final String DEFAULT_POLL_MS = "5";

    public PipelineConfig {
        streamsOverrides = Map.copyOf(streamsOverrides);
        dlqRetention = dlqRetention == null ? TopicProvisioner.DEFAULT_DLQ_RETENTION : dlqRetention;
    }

    /** With the default DLQ retention. */
    public PipelineConfig(String bootstrapServers, String applicationId, Path stateDir, int partitions,
            short replicationFactor, Duration commitInterval, int streamThreads, String processingGuarantee,
            TopologySettings topology, Map<String, String> streamsOverrides) {
        this(bootstrapServers, applicationId, stateDir, partitions, replicationFactor, commitInterval, streamThreads,
                processingGuarantee, topology, streamsOverrides, TopicProvisioner.DEFAULT_DLQ_RETENTION);
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
                streamThreads, processingGuarantee, topology, streamsOverrides, dlqRetention);
    }

    public PipelineConfig withTopology(TopologySettings settings) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, settings, streamsOverrides, dlqRetention);
    }

    public PipelineConfig withProcessingGuarantee(String guarantee) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, guarantee, topology, streamsOverrides, dlqRetention);
    }

    public PipelineConfig withStreamsOverrides(Map<String, String> overrides) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, topology, overrides, dlqRetention);
    }

    public PipelineConfig withDlqRetention(Duration retention) {
        return new PipelineConfig(bootstrapServers, applicationId, stateDir, partitions, replicationFactor,
                commitInterval, streamThreads, processingGuarantee, topology, streamsOverrides, retention);
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
        // interactive latency: see DEFAULT_COMMIT_INTERVAL
        props.put(StreamsConfig.POLL_MS_CONFIG, DEFAULT_POLL_MS);
        props.putAll(streamsOverrides);
        return props;
    }
}
