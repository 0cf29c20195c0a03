package dev.docpipe.pipeline;

import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.topology.DocpipeTopology;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pipeline: topics provisioned, the topology running in Kafka Streams. Used by the Spring
 * application, the dev stack and tests alike.
 */
public final class DocpipePipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DocpipePipeline.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final boolean staticMember;

    private DocpipePipeline(KafkaStreams streams, boolean staticMember) {
        this.streams = streams;
        this.staticMember = staticMember;
    }

    public static DocpipePipeline start(PipelineConfig config) {
        return start(config, PipelineMetrics.noop());
    }

    /**
     * Creates missing topics, checks their partition counts, starts the topology, and returns once it is
     * RUNNING.
     *
     * @throws PartitionLayout.MismatchException when the inputs and changelogs are not partitioned alike
     */
    public static DocpipePipeline start(PipelineConfig config, PipelineMetrics metrics) {
        TopicProvisioner.ensureTopics(adminConfig(config), config.partitions(), config.replicationFactor(),
                config.dlqRetention());
        int inputPartitions = inputPartitions(config);
        KafkaStreams streams = new KafkaStreams(
                DocpipeTopology.build(config.topology().withInputPartitions(inputPartitions), metrics),
                config.streamsProperties());
        // A failure that escapes a task (e.g. a broker unreachable past the timeouts) kills one stream
        // thread; its tasks restart from the last commit on a fresh thread, so nothing is lost.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        CompletableFuture<KafkaStreams.State> settled = new CompletableFuture<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.PENDING_SHUTDOWN || now == KafkaStreams.State.NOT_RUNNING) {
                settled.complete(now);
            }
        });
        boolean staticMember = config.streamsProperties().keySet().stream()
                .anyMatch(key -> key.toString().endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        DocpipePipeline pipeline = new DocpipePipeline(streams, staticMember);
        streams.start();
        pipeline.awaitRunning(settled, START_TIMEOUT);
        return pipeline;
    }

    /**
     * The admin client settings Kafka Streams itself would use (security protocol, SASL, TLS and
     * {@code admin.}-prefixed overrides included), so provisioning works on a secured broker too.
     */
    private static Map<String, Object> adminConfig(PipelineConfig config) {
        return new StreamsConfig(config.streamsProperties()).getAdminConfigs(config.applicationId() + "-provisioner");
    }

    private static int inputPartitions(PipelineConfig config) {
        try (Admin admin = Admin.create(adminConfig(config))) {
            return PartitionLayout.verify(admin, config.applicationId());
        } catch (PartitionLayout.MismatchException e) {
            log.error(e.getMessage()); // the one line an operator needs; the stack trace adds nothing
            throw e;
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public boolean isRunning() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    private void awaitRunning(CompletableFuture<KafkaStreams.State> settled, Duration timeout) {
        KafkaStreams.State state;
        try {
            state = settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = streams.state();
        } catch (ExecutionException | TimeoutException e) {
            state = streams.state();
        }
        if (state != KafkaStreams.State.RUNNING) {
            streams.close(CLOSE_TIMEOUT);
            throw new IllegalStateException("pipeline did not reach RUNNING within " + timeout + ", state " + state);
        }
    }

    /**
     * Commits in-flight work; a later start resumes from there. A dynamic member also leaves the group
     * so that its partitions move at once instead of after the session timeout; a static member stays,
     * so that its restart takes them back without a rebalance.
     */
    @Override
    public void close() {
        var membership = staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
        streams.close(CloseOptions.groupMembershipOperation(membership).withTimeout(CLOSE_TIMEOUT));
    }
}
