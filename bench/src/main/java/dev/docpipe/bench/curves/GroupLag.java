package dev.docpipe.bench.curves;

import dev.docpipe.bench.infra.Kafka;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group's committed offsets are behind the end of its input topics. */
final class GroupLag {
    private GroupLag() {}

    /**
     * Waits until no partition of {@code topics} is more than {@code slack} records behind for {@code group};
     * returns the seconds waited. Slack 1 for a topic written in transactions: its last offset is a commit
     * marker that a reader's committed offset never passes.
     */
    static double await(String bootstrap, String group, int slack, Duration timeout, String... topics)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (Admin admin = Kafka.admin(bootstrap)) {
            while (true) {
                Map<TopicPartition, Long> end = Kafka.endOffsets(bootstrap, topics);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean caughtUp = end.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata at = committed.get(e.getKey());
                    return e.getValue() - (at == null ? 0 : at.offset()) <= slack;
                });
                if (caughtUp) {
                    return (System.nanoTime() - started) / 1e9;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " not caught up on " + String.join(", ", topics)
                            + " within " + timeout);
                }
                Thread.sleep(100);
            }
        }
    }
}
