package dev.docpipe.cli.rebuild;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.fold.EventLog;
import dev.docpipe.cli.fold.LoggedEvent;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.kafka.PartitionRange;
import dev.docpipe.cli.kafka.TopicScan;
import dev.docpipe.cli.support.Failures;
import dev.docpipe.cli.support.Progress;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.ProjectionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds ranges of docpipe.events to {@link DocumentProjector}s in batches (one transaction per batch). With
 * several projectors (each on its own connection), documents are split between them by id: a document's
 * events stay in order on one projector, and no two projectors ever lock the same row. Reading and decoding
 * go on while the writers write.
 */
final class Projection {
    private static final List<RecordedEvent> END = List.of();

    private final List<Writer> writers = new ArrayList<>();
    private final int batchSize;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long eventsRead;
    private long unreadable;

    Projection(List<DocumentProjector> projectors, int batchSize) {
        this.batchSize = batchSize;
        for (DocumentProjector projector : projectors) {
            writers.add(new Writer(projector));
        }
    }

    void project(KafkaAccess kafka, List<PartitionRange> ranges, Progress progress) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            Thread t = new Thread(writers.get(i), "projector-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            TopicScan.readAhead(kafka, ranges, batch -> {
                for (EventLog.Entry entry : EventLog.decodeAll(batch)) {
                    eventsRead++;
                    if (entry instanceof LoggedEvent e) {
                        Writer w = writers.get(Math.floorMod(e.event().documentId().hashCode(), writers.size()));
                        w.pending.add(e.event());
                        if (w.pending.size() >= batchSize) {
                            w.hand(failure);
                        }
                    } else {
                        unreadable++;
                    }
                }
            }, progress);
            for (Writer w : writers) {
                w.hand(failure);
                w.put(END, failure);
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted while projecting");
        } finally {
            threads.forEach(Thread::interrupt);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new CliException(1, "projecting into the new table failed: " + Failures.describe(failed), failed);
        }
    }

    ProjectionResult result() {
        ProjectionResult sum = ProjectionResult.NONE;
        for (Writer w : writers) {
            sum = sum.plus(w.result);
        }
        return sum;
    }

    long eventsRead() {
        return eventsRead;
    }

    long unreadable() {
        return unreadable;
    }

    private final class Writer implements Runnable {
        final DocumentProjector projector;
        final BlockingQueue<List<RecordedEvent>> queue = new ArrayBlockingQueue<>(4);
        List<RecordedEvent> pending = new ArrayList<>();
        volatile ProjectionResult result = ProjectionResult.NONE;

        Writer(DocumentProjector projector) {
            this.projector = projector;
        }

        void hand(AtomicReference<Throwable> failure) {
            if (!pending.isEmpty()) {
                put(pending, failure);
                pending = new ArrayList<>(batchSize);
            }
        }

        void put(List<RecordedEvent> batch, AtomicReference<Throwable> failure) {
            try {
                while (!queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        throw new CliException(1, "projecting into the new table failed: "
                                + Failures.describe(failure.get()), failure.get());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.failure("interrupted while projecting");
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    List<RecordedEvent> batch = queue.take();
                    if (batch == END) {
                        return;
                    }
                    if (failure.get() == null) {
                        result = result.plus(projector.apply(batch));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                queue.clear();
            }
        }
    }
}
