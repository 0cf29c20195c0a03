package dev.docpipe.bench.confirm;

import dev.docpipe.bench.infra.Tail;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An OCR worker's view: counts the job records of the run's documents on a job topic, read_committed, and
 * when each document's first job became visible.
 */
public final class JobTally implements AutoCloseable {
    private final Set<UUID> documents;
    private final Map<UUID, AtomicInteger> perDocument = new ConcurrentHashMap<>();
    private final Map<UUID, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong lastRecordNanos = new AtomicLong(System.nanoTime());
    private final Tail tail;

    public JobTally(String bootstrap, String topic, Set<UUID> documents) {
        this.documents = new HashSet<>(documents);
        this.tail = Tail.fromEnd(bootstrap, topic, this::onRecord);
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        UUID doc = Tail.documentId(record);
        if (doc == null || !documents.contains(doc)) {
            return;
        }
        long now = System.nanoTime();
        records.incrementAndGet();
        lastRecordNanos.set(now);
        firstSeenNanos.putIfAbsent(doc, now);
        perDocument.computeIfAbsent(doc, d -> new AtomicInteger()).incrementAndGet();
    }

    /** Waits until every document has a job (or the timeout), then until no job arrived for {@code quiet}. */
    public void await(Duration timeout, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (perDocument.size() < documents.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        while (System.nanoTime() - lastRecordNanos.get() < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    public long records() {
        return records.get();
    }

    public int documentsWithJob() {
        return perDocument.size();
    }

    /** Job records beyond the first per document. */
    public long duplicates() {
        return perDocument.values().stream().mapToLong(c -> c.get() - 1).sum();
    }

    public int documentsWithDuplicates() {
        return (int) perDocument.values().stream().filter(c -> c.get() > 1).count();
    }

    public int lost() {
        return documents.size() - perDocument.size();
    }

    public Map<UUID, Long> firstSeenNanos() {
        return firstSeenNanos;
    }

    public long lastRecordNanos() {
        return lastRecordNanos.get();
    }

    @Override
    public void close() {
        tail.close();
    }
}
