package dev.docpipe.pipeline.topology;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.StreamsException;

final class Records {
    private Records() {}

    /** Failures of Kafka itself (fencing, lost tasks, store I/O) must abort the transaction, not be dead-lettered. */
    static boolean isKafkaFailure(RuntimeException e) {
        return e instanceof KafkaException || e instanceof StreamsException;
    }
}
