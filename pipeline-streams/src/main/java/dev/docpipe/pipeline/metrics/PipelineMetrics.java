package dev.docpipe.pipeline.metrics;

import dev.docpipe.model.job.JobKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The pipeline's business counters. Under exactly-once a transaction that aborts is processed again,
 * so these count work done, which can exceed what committed: the topics are the truth, these are for
 * dashboards.
 */
public final class PipelineMetrics {
    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static PipelineMetrics noop() {
        return new PipelineMetrics(new SimpleMeterRegistry());
    }

    public void command(String type, String outcome) {
        counter("docpipe.pipeline.commands", "type", type, "outcome", outcome).increment();
    }

    public void duplicateSuppressed(String type) {
        counter("docpipe.pipeline.duplicates", "type", type).increment();
    }

    public void jobEmitted(JobKind kind) {
        counter("docpipe.pipeline.jobs.emitted", "kind", kind.name()).increment();
    }

    public void result(String type, boolean accepted) {
        counter("docpipe.pipeline.results", "type", type, "accepted", Boolean.toString(accepted)).increment();
        if (!accepted) {
            counter("docpipe.pipeline.results.stale", "type", type).increment();
        }
    }

    public void leaseExpired(JobKind kind) {
        counter("docpipe.pipeline.leases.expired", "kind", kind.name()).increment();
    }

    public void deadLettered(String sourceTopic, String reason) {
        counter("docpipe.pipeline.dlq", "source", sourceTopic, "reason", reason).increment();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }
}
