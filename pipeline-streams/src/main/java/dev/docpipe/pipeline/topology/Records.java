package dev.docpipe.pipeline.topology;

import dev.docpipe.model.json.RejectReason;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;

final class Records {
    private Records() {}

    /**
     * The key must be the document id the value names: a record keyed otherwise sits in another
     * document's partition, where deciding it would break the one-writer-per-document rule.
     */
    static void requireKey(Record<byte[], byte[]> record, UUID documentId) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!documentId.toString().equals(key)) {
            throw new RejectedRecordException(RejectReason.KEY_MISMATCH,
                    "key '" + key + "' is not the documentId " + documentId);
        }
    }

    /** Failures of Kafka itself (fencing, lost tasks, store I/O) must abort the transaction, not be dead-lettered. */
    static boolean isKafkaFailure(RuntimeException e) {
        return e instanceof KafkaException || e instanceof StreamsException;
    }
}
