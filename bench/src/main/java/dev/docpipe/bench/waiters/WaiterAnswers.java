package dev.docpipe.bench.waiters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the held long-polls were answered, by kind, so that a waiter answered while none should wake is explained:
 * {@code 200} with a new ETag is its document changing (not a fault of the waiting), {@code 200} with the ETag it
 * sent would be a spurious wake-up (a bug), {@code 304} is its wait ending, a {@code 503} the API shedding load, an
 * exception the connection failing. Counted from the second poll of each waiter on (the first, without
 * {@code If-None-Match}, only fetches the ETag), unless it fails. The change streams' refusals and failures are
 * counted the same way.
 */
final class WaiterAnswers {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** An answer of a poll that sent {@code sentEtag}. */
    void answered(int status, String sentEtag, String answeredEtag) {
        String kind = switch (status) {
            case 200 -> sentEtag != null && sentEtag.equals(answeredEtag) ? "200 same ETag (spurious)" : "200 changed";
            case 304 -> "304 wait ended";
            default -> Integer.toString(status);
        };
        count(kind);
    }

    /** A poll that got no answer. */
    void failed(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        count(cause.getClass().getSimpleName());
    }

    /** An answer or failure of a kind named by the caller. */
    void count(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    Snapshot snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((kind, n) -> copy.put(kind, n.get()));
        return new Snapshot(copy);
    }

    record Snapshot(Map<String, Long> counts) {
        long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What was answered since {@code earlier}. */
        Snapshot since(Snapshot earlier) {
            Map<String, Long> diff = new TreeMap<>();
            counts.forEach((kind, n) -> {
                long d = n - earlier.counts.getOrDefault(kind, 0L);
                if (d != 0) {
                    diff.put(kind, d);
                }
            });
            return new Snapshot(diff);
        }

        @Override
        public String toString() {
            return counts.isEmpty() ? "none" : total() + " " + counts;
        }
    }
}
