package dev.docpipe.cli.fold;

import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.history.Partitioning;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code docpipe.events} and decodes it with the model's own codec ({@link ModelJson#EVENTS}), so the
 * tools read exactly what the pipeline and the projector read and refuse what they refuse. Decoding (JSON) is
 * the expensive part of a scan, so each polled batch is decoded in parallel and then handed over in the
 * topic's order.
 */
public final class EventLog {
    /** A decoded record or a record that could not be decoded. */
    public sealed interface Entry permits LoggedEvent, Unreadable {}

    private EventLog() {}

    public static Entry decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            RecordedEvent event = ModelJson.EVENTS.decode(record.value());
            byte[] key = record.key();
            boolean keyMatches = key != null
                    && event.documentId().toString().equals(new String(key, StandardCharsets.UTF_8));
            return new LoggedEvent(event, record.partition(), record.offset(), record.timestamp(), keyMatches);
        } catch (RejectedRecordException e) {
            return new Unreadable(record.topic(), record.partition(), record.offset(), e.reason().name(),
                    e.getMessage());
        } catch (RuntimeException e) {
            return new Unreadable(record.topic(), record.partition(), record.offset(), "UNREADABLE", e.toString());
        }
    }

    /** Decodes a batch on all cores, keeping its order. */
    public static List<Entry> decodeAll(List<ConsumerRecord<byte[], byte[]>> batch) {
        if (batch.size() < 64) {
            return batch.stream().map(EventLog::decode).toList();
        }
        return batch.parallelStream().map(EventLog::decode).toList();
    }

    /**
     * Reads the ranges of {@code docpipe.events}, handing every entry over in order.
     *
     * @return records read
     */
    public static long read(KafkaAccess kafka, List<PartitionRange> ranges, Consumer<Entry> handler,
            Progress progress) {
        return TopicScan.readAhead(kafka, ranges, batch -> decodeAll(batch).forEach(handler), progress);
    }

    /** As {@link #read}, decoding only the records whose key {@code keys} accepts (a cheap pre-filter). */
    public static long read(KafkaAccess kafka, List<PartitionRange> ranges, Predicate<byte[]> keys,
            Consumer<Entry> handler, Progress progress) {
        return TopicScan.read(kafka, ranges, batch -> {
            List<ConsumerRecord<byte[], byte[]>> wanted = batch.stream().filter(r -> keys.test(r.key())).toList();
            decodeAll(wanted).forEach(handler);
        }, progress);
    }

    /** A key filter for the records of some documents. */
    public static Predicate<byte[]> keysOf(Set<UUID> documents) {
        Set<String> keys = new HashSet<>();
        documents.forEach(id -> keys.add(id.toString()));
        return key -> key != null && key.length == 36 && keys.contains(new String(key, StandardCharsets.UTF_8));
    }

    /**
     * One document's events as its partition of the log has them now.
     *
     * @param events readable events keyed by the document, in log order (replayed copies included)
     * @param unreadable records keyed by the document that the model's codec refuses
     */
    public record DocumentEvents(UUID documentId, int partition, List<RecordedEvent> events, long unreadable) {}

    /** Reads the document's partition of {@code docpipe.events}, decoding only the records keyed by it. */
    public static DocumentEvents ofDocument(KafkaAccess kafka, UUID documentId, Progress progress) {
        List<TopicPartition> partitions = kafka.partitions(Topics.EVENTS);
        TopicPartition tp = new TopicPartition(Topics.EVENTS, Partitioning.partitionOf(documentId, partitions.size()));
        List<PartitionRange> range = TopicScan.ranges(kafka.beginningOffsets(List.of(tp)),
                kafka.endOffsets(List.of(tp)));
        progress.total(TopicScan.size(range));
        List<RecordedEvent> events = new ArrayList<>();
        long[] unreadable = {0};
        read(kafka, range, keysOf(Set.of(documentId)), entry -> {
            switch (entry) {
                case LoggedEvent e -> events.add(e.event());
                case Unreadable u -> unreadable[0]++;
            }
        }, progress);
        return new DocumentEvents(documentId, tp.partition(), List.copyOf(events), unreadable[0]);
    }

    /** The whole event log as it is now. */
    public static List<PartitionRange> wholeLog(KafkaAccess kafka) {
        return TopicScan.wholeTopic(kafka, Topics.EVENTS);
    }
}
