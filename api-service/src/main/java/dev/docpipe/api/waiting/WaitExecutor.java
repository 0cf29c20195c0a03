package dev.docpipe.api.waiting;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where a woken waiter does its work (a query, a write to its client): virtual threads, so neither the notification
 * thread nor the Kafka consumer thread ever blocks on a database or a slow client.
 */
@Component
public class WaitExecutor implements Executor, DisposableBean {
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("waiter-", 0).factory());

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
