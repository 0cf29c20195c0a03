package dev.docpipe.bench.pipeline;

/**
 * Record timestamps for a workload that must not reach far into the future ({@link Workload#produceAfter}): the
 * clock stands still, and moves on only where a document's next record goes to the other input topic at the
 * timestamp of its last one. Every partition's timestamps then never decrease, and a document's command and job
 * result still reach Kafka Streams' timestamp order as they were produced.
 */
final class TopicSwitchClock {
    private long now;

    TopicSwitchClock(long start) {
        now = start;
    }

    /**
     * The timestamp of a document's next record on {@code topic}.
     *
     * @param previousTopic the topic of the document's last record, null if this is its first
     * @param previousTimestamp that record's timestamp
     */
    long next(String previousTopic, long previousTimestamp, String topic) {
        if (previousTopic != null && !previousTopic.equals(topic) && previousTimestamp >= now) {
            now = previousTimestamp + 1;
        }
        return now;
    }
}
