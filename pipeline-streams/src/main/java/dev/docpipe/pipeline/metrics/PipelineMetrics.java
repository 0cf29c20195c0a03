package dev.docpipe.pipeline.metrics;

import dev.docpipe.model.job.JobKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's business counters. Under exactly-once a transaction that aborts is processed again,
 * so these count work done, which can exceed what committed: the topics are the truth, these are for
 * dashboards.
 *
 * <p>Counters are registered once per tag combination and then cached: these methods run for every
 * record on the stream thread, where building a meter id and looking it up in the registry each time
 * was a measurable share of the CPU.
 */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final CounterPerTagValuePair commands;
    private final CounterPerTagValue duplicates;
    private final Map<JobKind, Counter> jobsEmitted = new EnumMap<>(JobKind.class);
    private final CounterPerTagValuePair results;
    private final CounterPerTagValue staleResults;
    private final Map<JobKind, Counter> leasesExpired = new EnumMap<>(JobKind.class);
    private final CounterPerTagValuePair deadLetters;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commands = new CounterPerTagValuePair(registry, "docpipe.pipeline.commands", "type", "outcome");
        this.duplicates = new CounterPerTagValue(registry, "docpipe.pipeline.duplicates", "type");
        this.results = new CounterPerTagValuePair(registry, "docpipe.pipeline.results", "type", "accepted");
        this.staleResults = new CounterPerTagValue(registry, "docpipe.pipeline.results.stale", "type");
        this.deadLetters = new CounterPerTagValuePair(registry, "docpipe.pipeline.dlq", "source", "reason");
        for (JobKind kind : JobKind.values()) {
            jobsEmitted.put(kind, Counter.builder("docpipe.pipeline.jobs.emitted").tag("kind", kind.name())
                    .register(registry));
            leasesExpired.put(kind, Counter.builder("docpipe.pipeline.leases.expired").tag("kind", kind.name())
                    .register(registry));
        }
    }

    public static PipelineMetrics noop() {
        return new PipelineMetrics(new SimpleMeterRegistry());
    }

    public void command(String type, String outcome) {
        commands.get(type, outcome).increment();
    }

    public void duplicateSuppressed(String type) {
        duplicates.get(type).increment();
    }

    public void jobEmitted(JobKind kind) {
        jobsEmitted.get(kind).increment();
    }

    public void result(String type, boolean accepted) {
        results.get(type, accepted ? "true" : "false").increment();
        if (!accepted) {
            staleResults.get(type).increment();
        }
    }

    public void leaseExpired(JobKind kind) {
        leasesExpired.get(kind).increment();
    }

    public void deadLettered(String sourceTopic, String reason) {
        deadLetters.get(sourceTopic, reason).increment();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counters of one name by one tag's value, registered on first use. */
    private static final class CounterPerTagValue {
        private final MeterRegistry registry;
        private final String name;
        private final String tag;
        private final ConcurrentHashMap<String, Counter> byValue = new ConcurrentHashMap<>();

        CounterPerTagValue(MeterRegistry registry, String name, String tag) {
            this.registry = registry;
            this.name = name;
            this.tag = tag;
        }

        Counter get(String value) {
            Counter counter = byValue.get(value);
            return counter != null ? counter
                    : byValue.computeIfAbsent(value, v -> Counter.builder(name).tag(tag, v).register(registry));
        }
    }

    /** Counters of one name by two tags' values, registered on first use. */
    private static final class CounterPerTagValuePair {
        private final MeterRegistry registry;
        private final String name;
        private final String firstTag;
        private final String secondTag;
        private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> byValues =
                new ConcurrentHashMap<>();

        CounterPerTagValuePair(MeterRegistry registry, String name, String firstTag, String secondTag) {
            this.registry = registry;
            this.name = name;
            this.firstTag = firstTag;
            this.secondTag = secondTag;
        }

        Counter get(String first, String second) {
            ConcurrentHashMap<String, Counter> bySecond = byValues.get(first);
            if (bySecond == null) {
                bySecond = byValues.computeIfAbsent(first, f -> new ConcurrentHashMap<>());
            }
            Counter counter = bySecond.get(second);
            return counter != null ? counter : bySecond.computeIfAbsent(second,
                    s -> Counter.builder(name).tags(firstTag, first, secondTag, s).register(registry));
        }
    }
}
