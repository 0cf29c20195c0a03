package dev.docpipe.cli.kafka;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.support.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads fixed offset ranges of a topic, read_committed, without a consumer group, and hands the records
 * over in poll-sized batches (each partition's records in offset order). The end of each range is fixed
 * before reading, so a scan of a busy topic terminates; a read_committed end is the last stable offset,
 * so no open transaction can stall it.
 */
public final class TopicScan {
    private static final Duration POLL = Duration.ofMillis(200);

    /** Receives the records of one poll, already limited to the requested ranges. */
    @FunctionalInterface
    public interface BatchHandler {
        void accept(List<ConsumerRecord<byte[], byte[]>> batch);
    }

    private TopicScan() {}

    /**
     * As {@link #read}, but polling (fetching, decompressing) runs in a thread of its own, a few batches
     * ahead of {@code handler}: the CPU-heavy handlers (decoding) then overlap with Kafka's share of the work.
     */
    public static long readAhead(KafkaAccess kafka, Collection<PartitionRange> ranges, BatchHandler handler,
            Progress progress) {
        BlockingQueue<List<ConsumerRecord<byte[], byte[]>>> queue = new ArrayBlockingQueue<>(8);
        List<ConsumerRecord<byte[], byte[]>> end = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                read(kafka, ranges, batch -> {
                    try {
                        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                            if (stop.get()) {
                                throw new CliException(1, "reading stopped");
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CliException(1, "interrupted");
                    }
                }, Progress.none());
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                try {
                    while (!stop.get() && !queue.offer(end, 100, TimeUnit.MILLISECONDS)) {
                        // the consumer is still busy; the end marker is placed as soon as there is room
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "topic-read-ahead");
        reader.setDaemon(true);
        reader.start();
        long delivered = 0;
        long total = size(ranges);
        try {
            while (true) {
                List<ConsumerRecord<byte[], byte[]>> batch = queue.take();
                if (batch == end) {
                    break;
                }
                handler.accept(batch);
                delivered += batch.size();
                progress.set(Math.min(delivered, total));
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted while reading");
        } finally {
            stop.set(true);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        progress.set(total);
        return delivered;
    }

    /**
     * Reads on from {@code from} as records arrive, until {@code done} holds or {@code timeout} passes.
     *
     * @return whether {@code done} held
     */
    public static boolean follow(KafkaAccess kafka, Map<TopicPartition, Long> from, BatchHandler handler,
            BooleanSupplier done, Duration timeout) {
        if (done.getAsBoolean()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(IsolationLevel.READ_COMMITTED)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
                    records.forEach(batch::add);
                    handler.accept(batch);
                }
                if (done.getAsBoolean()) {
                    return true;
                }
            }
        }
        return done.getAsBoolean();
    }

    /** All partitions of {@code topic} from the beginning to the current end. */
    public static List<PartitionRange> wholeTopic(KafkaAccess kafka, String topic) {
        List<TopicPartition> partitions = kafka.partitions(topic);
        return ranges(kafka.beginningOffsets(partitions), kafka.endOffsets(partitions));
    }

    public static List<PartitionRange> ranges(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until) {
        List<PartitionRange> ranges = new ArrayList<>();
        until.forEach((tp, end) -> ranges.add(new PartitionRange(tp, from.getOrDefault(tp, 0L), end)));
        ranges.sort(Comparator.comparing((PartitionRange r) -> r.partition().topic())
                .thenComparingInt(r -> r.partition().partition()));
        return ranges;
    }

    public static long size(Collection<PartitionRange> ranges) {
        return ranges.stream().mapToLong(PartitionRange::size).sum();
    }

    /**
     * Reads every range to its end.
     *
     * @return the number of records handed over
     */
    public static long read(KafkaAccess kafka, Collection<PartitionRange> ranges, BatchHandler handler,
            Progress progress) {
        Map<TopicPartition, PartitionRange> open = new HashMap<>();
        for (PartitionRange r : ranges) {
            if (!r.isEmpty()) {
                open.put(r.partition(), r);
            }
        }
        if (open.isEmpty()) {
            return 0;
        }
        long delivered = 0;
        long total = size(open.values());
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(IsolationLevel.READ_COMMITTED)) {
            consumer.assign(open.keySet());
            open.values().forEach(r -> consumer.seek(r.partition(), r.from()));
            Map<TopicPartition, Long> positions = new HashMap<>();
            open.values().forEach(r -> positions.put(r.partition(), r.from()));
            long stalledSince = System.nanoTime();
            long stallLimit = Math.max(kafka.timeout().toNanos() * 3, Duration.ofSeconds(30).toNanos());
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
                for (TopicPartition tp : records.partitions()) {
                    PartitionRange range = open.get(tp);
                    if (range == null) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                        if (record.offset() >= range.until()) {
                            break;
                        }
                        if (record.offset() >= range.from()) {
                            batch.add(record);
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    handler.accept(batch);
                    delivered += batch.size();
                }
                boolean moved = false;
                List<TopicPartition> finished = new ArrayList<>();
                for (PartitionRange range : open.values()) {
                    long position = consumer.position(range.partition());
                    if (position != positions.get(range.partition())) {
                        moved = true;
                        positions.put(range.partition(), position);
                    }
                    if (position >= range.until()) {
                        finished.add(range.partition());
                    }
                }
                if (!finished.isEmpty()) {
                    finished.forEach(open::remove);
                    consumer.pause(finished);
                }
                long done = 0;
                for (PartitionRange r : ranges) {
                    if (!r.isEmpty()) {
                        done += Math.min(r.until(), positions.getOrDefault(r.partition(), r.from())) - r.from();
                    }
                }
                progress.set(Math.min(done, total));
                if (moved) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > stallLimit) {
                    throw CliException.failure("reading " + open.keySet() + " made no progress for "
                            + Duration.ofNanos(stallLimit).toSeconds() + "s (positions " + positions + ")");
                }
            }
        }
        return delivered;
    }
}
