package dev.docpipe.history.dlq;

import dev.docpipe.history.HistoryReadException;
import dev.docpipe.history.PartitionReader;
import dev.docpipe.history.TopicClients;
import dev.docpipe.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads records of docpipe.dlq by address, or the newest ones (read_committed: the pipeline dead-letters inside its transactions). */
public final class DeadLetterReader {
    private final TopicClients clients;
    private final Duration timeout;

    public DeadLetterReader(TopicClients clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    /** The records at the given addresses; {@link DeadLetterException.Problem#NOT_FOUND} names the first missing one. */
    public Map<RecordAddress, DeadLetter> fetch(Collection<RecordAddress> addresses) {
        try (Consumer<byte[], byte[]> consumer = clients.consumer()) {
            int partitions = partitions(consumer);
            Map<Integer, List<RecordAddress>> byPartition = new TreeMap<>();
            for (RecordAddress a : addresses) {
                if (a.partition() >= partitions) {
                    throw new DeadLetterException(DeadLetterException.Problem.NOT_FOUND, "no record at " + a + ": "
                            + Topics.DLQ + " has partitions 0.." + (partitions - 1));
                }
                byPartition.computeIfAbsent(a.partition(), p -> new ArrayList<>()).add(a);
            }
            Map<RecordAddress, DeadLetter> found = new HashMap<>();
            byPartition.forEach((p, list) -> {
                TopicPartition tp = new TopicPartition(Topics.DLQ, p);
                long min = list.stream().mapToLong(RecordAddress::offset).min().orElseThrow();
                long max = list.stream().mapToLong(RecordAddress::offset).max().orElseThrow();
                long[] bounds = PartitionReader.bounds(consumer, tp, timeout);
                PartitionReader.read(consumer, tp, Math.max(min, bounds[0]), Math.min(max + 1, bounds[1]), timeout, r -> {
                    RecordAddress a = new RecordAddress(r.partition(), r.offset());
                    if (list.contains(a)) {
                        found.put(a, DeadLetter.of(r));
                    }
                });
            });
            for (RecordAddress a : addresses) {
                if (!found.containsKey(a)) {
                    throw new DeadLetterException(DeadLetterException.Problem.NOT_FOUND, "no record at " + a + " of "
                            + Topics.DLQ);
                }
            }
            return found;
        }
    }

    /**
     * The newest records, at most {@code limit} (newest last), and how many offsets the topic spans. Only the last
     * {@code limit} offsets of each partition are read, so the cost does not grow with the topic.
     */
    public Newest newest(int limit) {
        try (Consumer<byte[], byte[]> consumer = clients.consumer()) {
            int partitions = partitions(consumer);
            List<DeadLetter> records = new ArrayList<>();
            long span = 0;
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(Topics.DLQ, p);
                long[] bounds = PartitionReader.bounds(consumer, tp, timeout);
                span += bounds[1] - bounds[0];
                PartitionReader.read(consumer, tp, Math.max(bounds[0], bounds[1] - limit), bounds[1], timeout,
                        r -> records.add(DeadLetter.of(r)));
            }
            records.sort(Comparator.comparing(DeadLetter::timestamp).thenComparing(DeadLetter::address));
            List<DeadLetter> newest = records.subList(Math.max(0, records.size() - limit), records.size());
            return new Newest(span, List.copyOf(newest));
        }
    }

    /**
     * @param offsets end minus start offsets over all partitions (transaction markers included, so an upper bound
     *     of the records)
     */
    public record Newest(long offsets, List<DeadLetter> records) {}

    private int partitions(Consumer<byte[], byte[]> consumer) {
        try {
            List<PartitionInfo> info = consumer.listTopics(timeout).get(Topics.DLQ);
            return info == null ? 0 : info.size();
        } catch (KafkaException e) {
            throw new HistoryReadException("listing the topics failed: " + e.getMessage(), e);
        }
    }
}
