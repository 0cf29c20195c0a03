package dev.docpipe.api.health;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;

/**
 * A health check run in the background, every {@code interval}, each run bounded by {@code timeout}:
 * {@link #health()} answers the latest result at once. A load balancer's probe then never waits for a
 * frozen dependency (a check that blocks would hold the health endpoint as long as the dependency hangs),
 * and a check that does not answer in time is itself the verdict: DOWN.
 *
 * <p>A hung check is not started again while it still runs, so a long outage costs one stuck (virtual)
 * thread, not one per interval.
 */
final class BackgroundProbe implements AutoCloseable {
    private final Callable<Health> check;
    private final Duration timeout;
    private final ScheduledExecutorService schedule;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Health latest = Health.down().withDetail("probe", "not run yet").build();
    private Future<Health> running;
    private long runningSince;

    BackgroundProbe(String name, Callable<Health> check, Duration interval, Duration timeout) {
        this.check = check;
        this.timeout = timeout;
        this.schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("health-probe-" + name).daemon().factory());
        schedule.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Health health() {
        return latest;
    }

    /** Runs on the schedule's single thread only. */
    private void probe() {
        if (running == null) {
            running = checks.submit(check);
            runningSince = System.nanoTime();
        }
        try {
            latest = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            running = null;
        } catch (TimeoutException e) {
            Duration waited = Duration.ofNanos(System.nanoTime() - runningSince);
            latest = Health.down()
                    .withDetail("probe", "no answer after " + waited.toMillis() + " ms (limit " + timeout.toMillis()
                            + " ms)")
                    .build();
        } catch (ExecutionException e) {
            latest = Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
            running = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            latest = Health.down(e).build();
            running = null;
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        checks.shutdownNow();
    }
}
