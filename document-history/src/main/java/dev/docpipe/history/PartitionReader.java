package dev.docpipe.history;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a bounded stretch of one partition with a group-less consumer: from an offset up to the end offset seen when
 * the read began (read_committed: the last stable offset), so a read ends even while the topic keeps growing.
 */
public final class PartitionReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private PartitionReader() {}

    /** [begin, end) of the partition as a read_committed reader sees it now. */
    public static long[] bounds(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, TopicPartition tp,
            Duration timeout) {
        try {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(List.of(tp), timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(List.of(tp), timeout);
            return new long[] {begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L)};
        } catch (KafkaException e) {
            throw new HistoryReadException("listing the offsets of " + tp + " failed: " + e.getMessage(), e);
        }
    }

    /** Hands every record of [from, until) over in offset order; fails when the reading stalls past the deadline. */
    public static void read(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, TopicPartition tp,
            long from, long until, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        if (from >= until) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            consumer.assign(Set.of(tp));
            consumer.seek(tp, from);
            while (consumer.position(tp) < until) {
                long before = consumer.position(tp);
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    if (r.offset() >= until) {
                        break;
                    }
                    handler.accept(r);
                }
                if (consumer.position(tp) > before) {
                    deadline = System.nanoTime() + timeout.toNanos();
                } else if (System.nanoTime() > deadline) {
                    throw new HistoryReadException("reading " + tp + " made no progress for " + timeout.toSeconds()
                            + "s (at offset " + before + " of " + until + ")");
                }
            }
        } catch (KafkaException e) {
            throw new HistoryReadException("reading " + tp + " failed: " + e.getMessage(), e);
        }
    }
}
