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
 * {@code docpipe.worker.jobs} (counter; kind, outcome), {@code docpipe.worker.job.duration} (timer
 * with percentile histogram; kind, outcome; only jobs that were executed) and
 * {@code docpipe.worker.jobs.in.flight} (gauge; kind).
 */
@Component
public class WorkerMetrics {
    private final MeterRegistry registry;
    private final Map<JobKind, AtomicInteger> inFlight = new EnumMap<>(JobKind.class);

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (JobKind kind : JobKind.values()) {
            AtomicInteger gauge = new AtomicInteger();
            inFlight.put(kind, gauge);
            Gauge.builder("docpipe.worker.jobs.in.flight", gauge, AtomicInteger::get)
                    .description("jobs being executed right now")
                    .tag("kind", tag(kind))
                    .register(registry);
        }
    }

    public void started(JobKind kind) {
        inFlight.get(kind).incrementAndGet();
    }

    public void finished(JobKind kind, Outcome outcome, Duration took) {
        inFlight.get(kind).decrementAndGet();
        Timer.builder("docpipe.worker.job.duration")
                .description("execution time of jobs that ran")
                .tags("kind", tag(kind), "outcome", outcome.tag())
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
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

    private static String tag(JobKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
