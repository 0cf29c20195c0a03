package dev.docpipe.api.changes;

import dev.docpipe.api.waiting.WaitExecutor;
import dev.docpipe.readmodel.DocumentChange;
import dev.docpipe.readmodel.DocumentChangeLog;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open change stream: sends the child's changes after its position, in order, each exactly once. Woken by
 * notifications; every wake reads the log from the last position sent (so a lost or coalesced notification costs
 * nothing but a later send, and a burst of them is one read). Sends run on the wait executor, one at a time; reads
 * take their turn among the executor's query slots.
 *
 * <p>Once it is open its response is committed as {@code 200 text/event-stream}: a failure then (the database
 * unreachable, the client gone) cannot be answered with a status or a problem body any more, so the stream simply
 * ends and the client reconnects with Last-Event-ID, missing nothing. It is never completed with an error: that
 * on the main port would send the failure through Spring MVC's error handlers, whose problem+json cannot be written into an event stream.
 */
final class ChangeStream {
    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

    private static final int PAGE = 200;

    private final UUID childId;
    private final ChangeSink sink;
    private final DocumentChangeLog changeLog;
    private final WaitExecutor executor;
    private final Runnable onEnd;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean again;
    private volatile boolean closed;
    private long position;

    /**
     * @param onEnd releases what the stream holds (its subscription, its place among the open streams); runs once,
     *     when the sink completes or when the stream ends itself, whichever comes first
     */
    ChangeStream(UUID childId, long position, ChangeSink sink, DocumentChangeLog changeLog, WaitExecutor executor,
            Runnable onEnd) {
        this.childId = childId;
        this.position = position;
        this.sink = sink;
        this.changeLog = changeLog;
        this.executor = executor;
        this.onEnd = onEnd;
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
            end(e);
        }
    }

    /** The sink completed (the client left, the stream's age ran out, the instance stops). */
    void closed() {
        closed = true;
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    private void drain() {
        try {
            while (again && !closed) {
                again = false;
                sendNew();
            }
        } catch (IOException | IllegalStateException e) {
            end(e); // the client is gone, or the sink already completed
        } catch (RuntimeException e) {
            log.debug("change stream of child {} ends: its changes cannot be read; the client resumes after {}",
                    childId, position, e);
            end(e);
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

    /** Ends the stream now (its age ran out, the instance stops); the client resumes with Last-Event-ID. */
    void stop() {
        closed();
        try {
            sink.complete();
        } catch (RuntimeException alreadyGone) {
            log.trace("change stream of child {} was already ended", childId, alreadyGone);
        }
    }

    /**
     * Ends the stream from here. The sink's own completion callbacks are not enough: an emitter completed before
     * Spring MVC took it over (a first read failing at once) never registers them.
     */
    private void end(Exception cause) {
        log.trace("change stream of child {} ends: {}", childId, cause.toString());
        stop();
    }
}
