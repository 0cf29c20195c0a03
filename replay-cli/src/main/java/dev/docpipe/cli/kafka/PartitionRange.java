package dev.docpipe.cli.kafka;

import org.apache.kafka.common.TopicPartition;

/** Offsets {@code [from, until)} of one partition. */
public record PartitionRange(TopicPartition partition, long from, long until) {
    public long size() {
        return Math.max(0, until - from);
    }

    public boolean isEmpty() {
        return until <= from;
    }
}
