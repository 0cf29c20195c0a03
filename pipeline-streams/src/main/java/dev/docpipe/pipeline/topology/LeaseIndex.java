package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.JobLease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Open job leases ordered by deadline, so that finding expired jobs reads only the expired entries
 * instead of every document. Keys are {@code <19-digit epoch millis>:<documentId>}: zero-padded so
 * that the store's byte order is deadline order.
 */
final class LeaseIndex {
    static final String STORE = "lease-deadlines";

    private final KeyValueStore<String, String> store;

    LeaseIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Keeps the index in step with a document whose current job changed from {@code before} to {@code after}. */
    void replace(UUID documentId, JobLease before, JobLease after) {
        if (before != null && (after == null || !before.jobId().equals(after.jobId()))) {
            store.delete(key(before.deadline(), documentId));
        }
        if (after != null && (before == null || !before.jobId().equals(after.jobId()))) {
            store.put(key(after.deadline(), documentId), after.jobId().toString());
        }
    }

    /** Entries whose deadline is at or before {@code now}, oldest first, at most {@code limit}. */
    List<Expired> expiredAt(Instant now, int limit) {
        List<Expired> expired = new ArrayList<>();
        String upTo = pad(now.toEpochMilli()) + ";"; // ';' sorts right after ':'
        try (KeyValueIterator<String, String> it = store.range(pad(0), upTo)) {
            while (it.hasNext() && expired.size() < limit) {
                KeyValue<String, String> entry = it.next();
                expired.add(new Expired(entry.key, UUID.fromString(entry.key.substring(20)),
                        UUID.fromString(entry.value)));
            }
        }
        return expired;
    }

    void remove(Expired entry) {
        store.delete(entry.key());
    }

    record Expired(String key, UUID documentId, UUID jobId) {}

    private static String key(Instant deadline, UUID documentId) {
        return pad(deadline.toEpochMilli()) + ":" + documentId;
    }

    private static String pad(long epochMillis) {
        return String.format("%019d", Math.max(0, epochMillis));
    }
}
