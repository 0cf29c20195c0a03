package dev.docpipe.api.waiting;

import dev.docpipe.readmodel.DocumentQueries;
import dev.docpipe.readmodel.DocumentRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The long-polls of this instance by document. However many requests wait on one document, a change is one read of
 * its row, handed to all of them (each answers from the same row), and one subscription to its notifications. A
 * read that fails (the database is unreachable) is tried again a little later, so a change is never missed for
 * good; the wait's end answers 304 only if no read saw a change.
 */
@Component
public class DocumentWatches {
    private static final Logger log = LoggerFactory.getLogger(DocumentWatches.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final DocumentQueries documents;
    private final ChangeSubscribers subscribers;
    private final WaitExecutor executor;
    private final Map<UUID, Watch> byDocument = new ConcurrentHashMap<>();

    public DocumentWatches(DocumentQueries documents, ChangeSubscribers subscribers, WaitExecutor executor,
            MeterRegistry metrics) {
        this.documents = documents;
        this.subscribers = subscribers;
        this.executor = executor;
        Gauge.builder("docpipe.api.waiting.subscribers", byDocument,
                        watches -> watches.values().stream().mapToInt(w -> w.waiters.size()).sum())
                .tag("on", "document").description("requests and streams of this instance waiting for changes")
                .register(metrics);
    }

    /**
     * Hands {@code waiter} the document's row after every change (and once soon, for a change committed before the
     * watch began), on the wait executor, until the returned subscription is closed.
     */
    public ChangeSubscribers.Subscription watch(UUID childId, UUID documentId, Consumer<DocumentRow> waiter) {
        Watch[] joined = new Watch[1];
        byDocument.compute(documentId, (id, watch) -> {
            Watch w = watch != null ? watch : new Watch(childId, documentId);
            w.waiters.add(waiter);
            joined[0] = w;
            return w;
        });
        joined[0].wake();
        return () -> byDocument.computeIfPresent(documentId, (id, watch) -> {
            watch.waiters.remove(waiter);
            if (watch.waiters.isEmpty()) {
                watch.subscription.close();
                return null;
            }
            return watch;
        });
    }

    /** One document's waiters; reads run one at a time, and a wake while one runs makes it read once more. */
    private final class Watch {
        private final UUID childId;
        private final UUID documentId;
        private final Set<Consumer<DocumentRow>> waiters = ConcurrentHashMap.newKeySet();
        private final ChangeSubscribers.Subscription subscription;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean again;

        Watch(UUID childId, UUID documentId) {
            this.childId = childId;
            this.documentId = documentId;
            this.subscription = subscribers.onDocument(documentId, notice -> wake());
        }

        void wake() {
            again = true;
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }

        private void drain() {
            try {
                while (again && !waiters.isEmpty()) {
                    again = false;
                    Optional<DocumentRow> row = executor.query(() -> documents.find(childId, documentId));
                    row.ifPresent(r -> waiters.forEach(waiter -> waiter.accept(r)));
                }
            } catch (RuntimeException e) {
                log.debug("reading document {} for its waiters failed; reading again in {}", documentId, RETRY, e);
                again = true;
                executor.executeLater(this::retry, RETRY);
                return; // stays scheduled until the retry
            }
            scheduled.set(false);
            if (again && !waiters.isEmpty()) {
                wake();
            }
        }

        private void retry() {
            if (waiters.isEmpty()) {
                scheduled.set(false);
            } else {
                drain();
            }
        }
    }

    public int watchedDocuments() {
        return byDocument.size();
    }
}
