package dev.docpipe.api.waiting;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where a woken waiter does its work (a query, a write to its client): virtual threads, so neither the notification
 * thread nor the Kafka consumer thread ever blocks on a database or a slow client. Their reads of the read model go
 * through {@link #query}: a lost notification connection wakes every waiter and stream of the instance at once, and
 * thousands of reads asking the pool at the same moment would mostly fail on its short connection timeout; queued
 * here, they wait their turn instead. Later retries share one timer thread.
 */
@Component
public class WaitExecutor implements Executor, DisposableBean {
    /** Reads at once: well under the pool's size, so requests keep connections while waiters catch up. */
    private static final int CONCURRENT_QUERIES = 8;

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("waiter-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("waiter-timer").daemon().factory());
    private final Semaphore queries = new Semaphore(CONCURRENT_QUERIES, true);

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Runs {@code task} on the executor after {@code delay}. */
    public void executeLater(Runnable task, Duration delay) {
        timer.schedule(() -> execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a read of the read model once one of the few query slots is free (call it on this executor). */
    public <T> T query(Supplier<T> read) {
        queries.acquireUninterruptibly();
        try {
            return read.get();
        } finally {
            queries.release();
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        executor.shutdownNow();
    }
}
