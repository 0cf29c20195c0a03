package dev.docpipe.devstack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what was started, newest first (workers and API before the pipeline, the pipeline before the
 * broker, the broker before the database), exactly once, whichever comes first: Ctrl-C, SIGTERM, a
 * service dying, or a failed start. Something started while stopping is stopped at once.
 */
final class Closer {
    private static final Logger log = LoggerFactory.getLogger(Closer.class);

    private record Named(String name, AutoCloseable resource) {}

    private final Deque<Named> started = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    <T extends AutoCloseable> T register(String name, T resource) {
        synchronized (this) {
            if (!closing) {
                started.push(new Named(name, resource));
                return resource;
            }
        }
        close(new Named(name, resource));
        throw new IllegalStateException("stopping: " + name + " was stopped again right after it started");
    }

    synchronized boolean isClosing() {
        return closing;
    }

    /** Idempotent; a second caller waits until the first has finished. */
    void closeAll() {
        synchronized (this) {
            if (closing) {
                awaitClosed();
                return;
            }
            closing = true;
        }
        while (true) {
            Named next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            close(next);
        }
        closed.countDown();
    }

    void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Named named) {
        long start = System.nanoTime();
        log.info("stopping {}", named.name());
        try {
            named.resource().close();
            log.info("stopped {} in {} ms", named.name(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            log.error("stopping {} failed", named.name(), e);
        }
    }
}
