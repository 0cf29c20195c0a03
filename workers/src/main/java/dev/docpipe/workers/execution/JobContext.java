package dev.docpipe.workers.execution;

import dev.docpipe.model.job.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What a running job may ask about its own life: how long it has left and whether it must stop.
 * Executors call {@link #checkpoint()} between units of work (pages, retries, process polls), so a
 * job never outlives its lease or a shutdown by more than one unit.
 *
 * <p>It also tallies what the job did (pages, retries), which the record handler reports to
 * {@link WorkerMetrics} when the job ends: executors stay free of metrics plumbing.
 */
public final class JobContext {
    private final Job job;
    private final Clock clock;
    private final BooleanSupplier cancelled;
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    public JobContext(Job job, Clock clock, BooleanSupplier cancelled) {
        this.job = job;
        this.clock = clock;
        this.cancelled = cancelled;
    }

    public Job job() {
        return job;
    }

    public Instant now() {
        return clock.instant();
    }

    public Duration remaining() {
        return Duration.between(clock.instant(), job.deadline());
    }

    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    /** @throws JobAbortedException if the worker is shutting down or the deadline passed */
    public void checkpoint() throws JobAbortedException {
        if (cancelled()) {
            throw new JobAbortedException(JobAbortedException.Cause.SHUTDOWN,
                    "worker shutting down, job " + job.jobId() + " released", null);
        }
        if (!remaining().isPositive()) {
            throw new JobAbortedException(JobAbortedException.Cause.DEADLINE_EXCEEDED,
                    "deadline " + job.deadline() + " of job " + job.jobId() + " passed", null);
        }
    }

    /** Sleeps up to {@code duration}, waking early for cancellation; never past the deadline. */
    public void sleep(Duration duration) throws JobAbortedException {
        long until = System.nanoTime() + Math.min(duration.toNanos(), Math.max(0, remaining().toNanos()));
        try {
            while (System.nanoTime() < until) {
                checkpoint();
                Thread.sleep(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobAbortedException(JobAbortedException.Cause.SHUTDOWN, "interrupted", e);
        }
        checkpoint();
    }

    /** Records {@code count} pages scanned or read (by text layer or OCR). */
    public void pagesDone(int count) {
        pages.addAndGet(count);
    }

    public int pages() {
        return pages.get();
    }

    void retried() {
        retries.incrementAndGet();
    }

    public int retries() {
        return retries.get();
    }
}
