package dev.docpipe.api.changes;

import dev.docpipe.api.waiting.WaitExecutor;
import dev.docpipe.readmodel.DocumentChange;
import dev.docpipe.readmodel.DocumentChangeLog;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open change stream: sends the child's changes after its position, in order, each exactly once. Woken by
 * notifications; every wake reads the log from the last position sent (so a lost or coalesced notification costs
 * nothing but a later send, and a burst of them is one read). Sends run on the wait executor, one at a time; reads
 * take their turn among the executor's query slots.
 */
final class ChangeStream {
    private static final int PAGE = 200;

    private final UUID childId;
    private final ChangeSink sink;
    private final DocumentChangeLog changeLog;
    private final WaitExecutor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean again;
    private volatile boolean closed;
    private long position;

    ChangeStream(UUID childId, long position, ChangeSink sink, DocumentChangeLog changeLog, WaitExecutor executor) {
        this.childId = childId;
        this.position = position;
        this.sink = sink;
        this.changeLog = changeLog;
        this.executor = executor;
    }

    /** Something may have changed: send what is new (soon, on the executor). */
    void wake() {
        again = true;
        if (!closed && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    void heartbeat() {
        if (closed) {
            return;
        }
        try {
            sink.comment("heartbeat");
        } catch (IOException | IllegalStateException e) {
            close(e);
        }
    }

    void closed() {
        closed = true;
    }

    private void drain() {
        try {
            while (again && !closed) {
                again = false;
                sendNew();
            }
        } catch (IOException | IllegalStateException e) {
            close(e);
        } catch (RuntimeException e) {
            // the database is unreachable: end the stream, the client resumes from its Last-Event-ID
            close(e);
        } finally {
            scheduled.set(false);
            if (again && !closed) {
                wake();
            }
        }
    }

    private void sendNew() throws IOException {
        List<DocumentChange> changes;
        do {
            long from = position;
            changes = executor.query(() -> changeLog.after(childId, from, PAGE));
            for (DocumentChange change : changes) {
                sink.send(ChangeEvent.of(change));
                position = change.position();
            }
        } while (changes.size() == PAGE && !closed);
    }

    private void close(Exception cause) {
        closed = true;
        sink.completeWithError(cause);
    }
}
