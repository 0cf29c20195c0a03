package dev.docpipe.bench.pipeline;

import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.pipeline.PipelineConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * One Kafka Streams application under measurement. Started like {@code DocpipePipeline.start} does
 * (same topology, same properties), but the moment it reaches RUNNING is recorded, so that startup
 * (group join, task creation, transactional producer init) is excluded from the figures, and a
 * failing stream thread fails the phase instead of being replaced.
 */
final class StreamsRun implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long POLL_MS = 50;

    record Measured(String name, long records, double startupSeconds, double seconds, ResourceMeter.Usage usage) {
        double perSecond() {
            return records / seconds;
        }
    }

    private final String applicationId;
    private final KafkaStreams streams;
    private final AtomicLong runningAt = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long startedAt;

    private StreamsRun(Topology topology, Properties properties) {
        this.applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.streams = new KafkaStreams(topology, properties);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                runningAt.compareAndSet(0, System.nanoTime());
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        startedAt = System.nanoTime();
        streams.start();
    }

    /**
     * Starts the application with {@code config}'s properties (plus a short client.id, which only names
     * threads, see {@link StreamsThreadGroups}) and returns once it is RUNNING.
     */
    static StreamsRun start(Topology topology, PipelineConfig config) {
        Properties properties = config.streamsProperties();
        properties.put(StreamsConfig.CLIENT_ID_CONFIG, StreamsThreadGroups.CLIENT_ID);
        StreamsRun run = new StreamsRun(topology, properties);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (run.runningAt.get() == 0) {
            run.checkHealthy();
            if (System.nanoTime() > deadline) {
                run.close();
                throw new IllegalStateException(run.applicationId + " did not reach RUNNING within " + START_TIMEOUT
                        + " (state " + run.streams.state() + ")");
            }
            sleep(10);
        }
        return run;
    }

    KafkaStreams streams() {
        return streams;
    }

    /**
     * Waits until the group's committed offsets reach {@code end} (or {@code fraction} of it), then
     * returns records per second from RUNNING to that moment.
     */
    Measured awaitCommitted(String name, Admin admin, Map<TopicPartition, Long> end, double fraction,
            Duration timeout, ResourceMeter meter) throws Exception {
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        long target = (long) Math.ceil(total * fraction);
        long deadline = runningAt.get() + timeout.toNanos();
        long committed = 0;
        while (true) {
            checkHealthy();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long reached = 0;
            boolean all = true;
            for (var e : end.entrySet()) {
                OffsetAndMetadata at = offsets.get(e.getKey());
                long position = at == null ? 0 : Math.min(at.offset(), e.getValue());
                reached += position;
                all &= position >= e.getValue();
            }
            committed = reached;
            long now = System.nanoTime();
            if (fraction >= 1 ? all : committed >= target) {
                double seconds = (now - runningAt.get()) / 1e9;
                return new Measured(name, committed, (runningAt.get() - startedAt) / 1e9, seconds,
                        meter.stop());
            }
            if (now > deadline) {
                throw new IllegalStateException(name + " (" + applicationId + ") did not finish within " + timeout
                        + ": committed " + committed + " of " + target + " input records");
            }
            sleep(POLL_MS);
        }
    }

    long runningAtNanos() {
        return runningAt.get();
    }

    private void checkHealthy() {
        if (failure.get() != null) {
            throw new IllegalStateException(applicationId + ": a stream thread failed", failure.get());
        }
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException(applicationId + " stopped unexpectedly, state " + state);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Closes and leaves the group. A plain {@code close()} (as {@code DocpipePipeline.close()} does) keeps
     * the member registered until its session times out (45 s), so the next start of the same
     * application id would wait that long in its first rebalance.
     */
    @Override
    public void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)))) {
            System.err.println("warning: " + applicationId + " did not close within 60 s");
        }
    }
}
