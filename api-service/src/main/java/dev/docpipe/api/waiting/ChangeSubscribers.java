package dev.docpipe.api.waiting;

import dev.docpipe.readmodel.DocumentChangeLog.Notice;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Who on this instance waits for changes of which document or child. Fed by {@link ChangeNotifications}; a
 * listener gets the {@link Notice}, or null when changes may have been missed (the notification connection was
 * lost) and it must look again. Listeners run on the notification thread: they must only hand work off.
 */
@Component
public class ChangeSubscribers {
    /** Ends a subscription; idempotent. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<UUID, Set<Consumer<Notice>>> byDocument = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Consumer<Notice>>> byChild = new ConcurrentHashMap<>();

    /** Long-polls are counted by {@link DocumentWatches} (several share one subscription per document). */
    public ChangeSubscribers(MeterRegistry metrics) {
        Gauge.builder("docpipe.api.waiting.subscribers", byChild, ChangeSubscribers::count).tag("on", "child")
                .description("requests and streams of this instance waiting for changes").register(metrics);
    }

    public Subscription onDocument(UUID documentId, Consumer<Notice> listener) {
        return subscribe(byDocument, documentId, listener);
    }

    public Subscription onChild(UUID childId, Consumer<Notice> listener) {
        return subscribe(byChild, childId, listener);
    }

    void publish(Notice notice) {
        tell(byDocument.get(notice.documentId()), notice);
        tell(byChild.get(notice.childId()), notice);
    }

    /** Every listener looks again: some notifications may have been lost. */
    void publishMaybeMissed() {
        byDocument.values().forEach(listeners -> tell(listeners, null));
        byChild.values().forEach(listeners -> tell(listeners, null));
    }

    private static void tell(Set<Consumer<Notice>> listeners, Notice notice) {
        if (listeners != null) {
            listeners.forEach(l -> l.accept(notice));
        }
    }

    private static Subscription subscribe(Map<UUID, Set<Consumer<Notice>>> map, UUID key, Consumer<Notice> listener) {
        map.compute(key, (k, set) -> {
            Set<Consumer<Notice>> listeners = set == null ? ConcurrentHashMap.newKeySet() : set;
            listeners.add(listener);
            return listeners;
        });
        return () -> map.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private static double count(Map<UUID, Set<Consumer<Notice>>> map) {
        return map.values().stream().mapToInt(Set::size).sum();
    }
}
