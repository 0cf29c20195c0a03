package dev.docpipe.cli.dlq;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Reads docpipe.dlq (read_committed: the pipeline dead-letters inside its transactions). */
final class DeadLetters {
    private DeadLetters() {}

    static void readAll(KafkaAccess kafka, Consumer<DeadLetter> handler, Progress progress) {
        List<PartitionRange> ranges = TopicScan.wholeTopic(kafka, Topics.DLQ);
        progress.total(TopicScan.size(ranges));
        TopicScan.read(kafka, ranges, batch -> batch.forEach(r -> handler.accept(DeadLetter.of(r))), progress);
    }

    /** The records at the given addresses; exit 2 naming the first address that holds no record. */
    static Map<RecordAddress, DeadLetter> fetch(KafkaAccess kafka, Collection<RecordAddress> addresses) {
        List<TopicPartition> partitions = kafka.partitions(Topics.DLQ);
        Map<Integer, List<RecordAddress>> byPartition = new TreeMap<>();
        for (RecordAddress a : addresses) {
            if (a.partition() >= partitions.size()) {
                throw CliException.usage("no record at " + a + ": " + Topics.DLQ + " has partitions 0.."
                        + (partitions.size() - 1));
            }
            byPartition.computeIfAbsent(a.partition(), p -> new ArrayList<>()).add(a);
        }
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        List<PartitionRange> ranges = new ArrayList<>();
        byPartition.forEach((p, list) -> {
            TopicPartition tp = partitions.get(p);
            long min = list.stream().mapToLong(RecordAddress::offset).min().orElseThrow();
            long max = list.stream().mapToLong(RecordAddress::offset).max().orElseThrow();
            ranges.add(new PartitionRange(tp, Math.max(min, begin.get(tp)), Math.min(max + 1, end.get(tp))));
        });
        Map<RecordAddress, DeadLetter> found = new HashMap<>();
        TopicScan.read(kafka, ranges, batch -> batch.forEach(r -> {
            RecordAddress a = new RecordAddress(r.partition(), r.offset());
            if (addresses.contains(a)) {
                found.put(a, DeadLetter.of(r));
            }
        }), Progress.none());
        for (RecordAddress a : addresses) {
            if (!found.containsKey(a)) {
                throw CliException.usage("no record at " + a + " of " + Topics.DLQ
                        + " (see 'docpipe dlq list' for the records there)");
            }
        }
        return found;
    }
}
