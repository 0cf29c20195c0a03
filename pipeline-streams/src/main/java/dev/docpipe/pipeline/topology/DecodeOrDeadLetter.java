package dev.docpipe.pipeline.topology;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.json.RejectReason;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first step of both processors: an input record becomes a value to decide, or goes to
 * {@code docpipe.dlq} and is never decided. Refused are records on another partition than their key's
 * ({@code WRONG_PARTITION}: their document's state lives in another task, so deciding them here would
 * decide against an empty state), records that cannot be read (the codec's reason), and records keyed
 * by another document than the one they name ({@code KEY_MISMATCH}).
 */
final class DecodeOrDeadLetter<T> {
    private final Function<byte[], T> decoder;
    private final Function<T, UUID> documentIdOf;
    private final int partitions;
    private final ProcessorContext<byte[], byte[]> context;
    private final Emitter emit;

    /** @param partitions the input topics' partition count; 0 when unknown (then not checked) */
    DecodeOrDeadLetter(Function<byte[], T> decoder, Function<T, UUID> documentIdOf, int partitions,
            ProcessorContext<byte[], byte[]> context, Emitter emit) {
        this.decoder = decoder;
        this.documentIdOf = documentIdOf;
        this.partitions = partitions;
        this.context = context;
        this.emit = emit;
    }

    /** The decoded value, or null when the record was dead-lettered. */
    T decode(Record<byte[], byte[]> record) {
        if (record.key() != null && partitions > 0) {
            int expected = partitionOf(record.key(), partitions);
            int actual = context.recordMetadata().map(m -> m.partition()).orElse(expected);
            if (actual != expected) {
                emit.deadLetter(record, DeadLetter.WRONG_PARTITION, "key '" + text(record.key()) + "' belongs to "
                        + "partition " + expected + " of " + partitions + " (murmur2, as Kafka's Java producer "
                        + "partitions; librdkafka clients need partitioner=murmur2_random), not " + actual);
                return null;
            }
        }
        try {
            T value = decoder.apply(record.value());
            UUID documentId = documentIdOf.apply(value);
            if (!documentId.toString().equals(record.key() == null ? null : text(record.key()))) {
                throw new RejectedRecordException(RejectReason.KEY_MISMATCH, "key '"
                        + (record.key() == null ? null : text(record.key())) + "' is not the documentId " + documentId);
            }
            return value;
        } catch (RejectedRecordException e) {
            emit.deadLetter(record, e.reason().name(), e.getMessage());
            return null;
        }
    }

    /** The partition Kafka's Java producer (DefaultPartitioner/BuiltInPartitioner) picks for a key. */
    static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
