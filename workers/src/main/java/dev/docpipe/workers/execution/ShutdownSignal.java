package dev.docpipe.workers.execution;

import dev.docpipe.workers.config.WorkerProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown. Stopped before the listener containers (highest phase): from then on running
 * jobs have {@code docpipe.worker.shutdown-grace} to finish and commit their result; after that
 * {@link #cancelRequested()} turns true, jobs abort at their next checkpoint (killing a running
 * tesseract), and their transactions roll back, so the offsets stay uncommitted and the group's
 * next owner of the partition runs those jobs again. Nothing half-done is ever reported.
 */
@Component
public class ShutdownSignal implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

    private final Duration grace;
    private volatile boolean running;
    private volatile boolean cancel;
    private ScheduledExecutorService timer;

    public ShutdownSignal(WorkerProperties properties) {
        this.grace = properties.shutdownGrace();
    }

    public boolean cancelRequested() {
        return cancel;
    }

    @Override
    public void start() {
        cancel = false;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shutdown-grace");
            t.setDaemon(true);
            return t;
        });
        log.info("stopping: running jobs have {} to finish", grace);
        timer.schedule(() -> {
            log.warn("shutdown grace of {} is over: cancelling running jobs without committing them", grace);
            cancel = true;
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // stop first, so the grace period starts when shutdown does
    }
}
