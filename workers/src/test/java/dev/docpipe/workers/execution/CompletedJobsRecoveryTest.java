package dev.docpipe.workers.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.model.Topics;
import dev.docpipe.model.job.ScanFailed;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.workers.config.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The index of completed jobs must outlive a failing consumer: if it stopped for good, every later
 * job would wait for it, time out and roll back forever. (Kafka's MockConsumer stands in here only
 * to make the first consumer fail on cue; the index against a real broker is covered by the
 * worker's Kafka tests.)
 */
class CompletedJobsRecoveryTest {
    private static final TopicPartition RESULTS_0 = new TopicPartition(Topics.JOB_RESULTS, 0);

    @Test
    void aConsumerFailureIsFollowedByAFreshConsumerThatKeepsIndexing() {
        UUID jobId = UUID.randomUUID();
        MockConsumer<String, byte[]> failing = consumerOfResults();
        failing.setPollException(new KafkaException("broker connection lost"));
        MockConsumer<String, byte[]> healthy = consumerOfResults();
        healthy.schedulePollTask(() -> healthy.addRecord(new ConsumerRecord<>(Topics.JOB_RESULTS, 0, 0,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, 36, 100, UUID.randomUUID().toString(),
                ModelJson.RESULTS.encode(new ScanFailed(jobId, UUID.randomUUID(),
                        Instant.now(), "CORRUPT_FILE", false, null)), new RecordHeaders(), Optional.empty())));
        Deque<Consumer<String, byte[]>> consumers = new ArrayDeque<>(List.of(failing, healthy));

        CompletedJobs index = new CompletedJobs(consumers::pop, null, Clock.systemUTC(), properties());
        index.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> index.isDone(jobId));
            assertThat(index.isRunning()).isTrue();
            assertThat(failing.closed()).isTrue();
        } finally {
            index.stop();
        }
    }

    private static MockConsumer<String, byte[]> consumerOfResults() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override // not implemented by MockConsumer; "nothing within the horizon" makes the index start at the end
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                    Map<TopicPartition, Long> timestamps) {
                return Map.of();
            }
        };
        consumer.updatePartitions(Topics.JOB_RESULTS,
                List.of(new PartitionInfo(Topics.JOB_RESULTS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(RESULTS_0, 0L));
        consumer.updateEndOffsets(Map.of(RESULTS_0, 0L));
        return consumer;
    }

    private static WorkerProperties properties() {
        return new WorkerProperties(
                new WorkerProperties.Listener(true, 1, null), new WorkerProperties.Listener(true, 1, null),
                new WorkerProperties.Retry(Duration.ofMillis(20), 2.0, Duration.ofMillis(100)),
                "test", 1024, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
