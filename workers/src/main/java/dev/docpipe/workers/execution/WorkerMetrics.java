package dev.docpipe.workers.execution;

import dev.docpipe.model.job.JobKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Every meter of the workers (exported at {@code /actuator/prometheus}; the dashboards under
 * {@code deploy/} query them by these names):
 *
 * <ul>
 *   <li>{@code docpipe.worker.jobs} (counter; kind, outcome): every job record handled, executed or
 *       skipped ({@code duplicate}, {@code expired}: stale jobs; {@code rejected}: dead-lettered)
 *   <li>{@code docpipe.worker.job.duration} (timer, histogram buckets; kind, outcome): execution
 *       time of the jobs that ran
 *   <li>{@code docpipe.worker.job.wait} (timer, histogram buckets; kind): from the job record's
 *       timestamp until a worker started it. The pipeline stamps a job with the timestamp of the
 *       record that caused it (the command, or for a re-issue the lease check), so this is command →
 *       job → start, the time a user waits before any work begins
 *   <li>{@code docpipe.worker.job.turnaround} (timer, histogram buckets; kind, outcome): from the
 *       same timestamp until the job's result was sent: command → job → result
 *   <li>{@code docpipe.worker.pages} (counter; kind): pages scanned or read by OCR
 *   <li>{@code docpipe.worker.retries} (counter; kind): transient I/O failures retried within a job
 *   <li>{@code docpipe.worker.jobs.in.flight} (gauge; kind): jobs executing right now
 * </ul>
 *
 * Histograms, not client-side percentiles: buckets aggregate across worker instances in PromQL
 * ({@code histogram_quantile}), percentiles computed in each process do not.
 */
@Component
public class WorkerMetrics {
    private final MeterRegistry registry;
    private final Map<JobKind, AtomicInteger> inFlight = new EnumMap<>(JobKind.class);
    private final Map<JobKind, Counter> pages = new EnumMap<>(JobKind.class);
    private final Map<JobKind, Counter> retries = new EnumMap<>(JobKind.class);
    private final Map<JobKind, Timer> waits = new EnumMap<>(JobKind.class);

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (JobKind kind : JobKind.values()) {
            AtomicInteger gauge = new AtomicInteger();
            inFlight.put(kind, gauge);
            Gauge.builder("docpipe.worker.jobs.in.flight", gauge, AtomicInteger::get)
                    .description("jobs being executed right now")
                    .tag("kind", tag(kind))
                    .register(registry);
            // Registered up front, so a dashboard shows 0 rather than "no data" before the first one.
            pages.put(kind, Counter.builder("docpipe.worker.pages")
                    .description("pages scanned or read by OCR")
                    .tag("kind", tag(kind))
                    .register(registry));
            retries.put(kind, Counter.builder("docpipe.worker.retries")
                    .description("transient I/O failures retried within a job")
                    .tag("kind", tag(kind))
                    .register(registry));
            waits.put(kind, Timer.builder("docpipe.worker.job.wait")
                    .description("time from the job record's timestamp (its command's) until a worker started it")
                    .tag("kind", tag(kind))
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    /**
     * A job starts executing.
     *
     * @param waited since the job record's timestamp; null when the record carries none
     */
    public void started(JobKind kind, Duration waited) {
        inFlight.get(kind).incrementAndGet();
        if (waited != null) {
            waits.get(kind).record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }

    /**
     * @param turnaround from the job record's timestamp to its result; null when there is no result
     *     or the record carries no timestamp
     */
    public void finished(JobKind kind, Outcome outcome, Duration took, Duration turnaround) {
        inFlight.get(kind).decrementAndGet();
        Timer.builder("docpipe.worker.job.duration")
                .description("execution time of jobs that ran")
                .tags("kind", tag(kind), "outcome", outcome.tag())
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        if (turnaround != null) {
            Timer.builder("docpipe.worker.job.turnaround")
                    .description("time from the job record's timestamp (its command's) until its result was sent")
                    .tags("kind", tag(kind), "outcome", outcome.tag())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(turnaround.isNegative() ? Duration.ZERO : turnaround);
        }
        count(kind, outcome);
    }

    /** A record that was not executed (duplicate, expired, rejected). */
    public void count(JobKind kind, Outcome outcome) {
        Counter.builder("docpipe.worker.jobs")
                .description("job records handled, by outcome")
                .tags("kind", tag(kind), "outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    public void pages(JobKind kind, int count) {
        if (count > 0) {
            pages.get(kind).increment(count);
        }
    }

    public void retries(JobKind kind, int count) {
        if (count > 0) {
            retries.get(kind).increment(count);
        }
    }

    private static String tag(JobKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
