package dev.docpipe.example;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events already handled, by (documentId, version): a document's events are numbered 1, 2, 3… without
 * repeats, so the pair names one event whatever redelivers it (a rebalance, a restart before the offsets
 * were committed, a replay from the DLQ, a second copy of the topic). In memory in this example; a real
 * consumer keeps it next to its side effect, in the same database transaction, so that a crash between
 * the two can neither lose nor repeat a notification.
 */
public final class HandledEvents {
    private record Key(UUID documentId, long version) {}

    private final Set<Key> handled = ConcurrentHashMap.newKeySet();

    /** True the first time for a (documentId, version); false for every repeat. */
    public boolean firstTime(UUID documentId, long version) {
        return handled.add(new Key(documentId, version));
    }
}
