package dev.docpipe.pipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.job.JobKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The cached counters are the registry's counters, with the documented names and tags. */
class PipelineMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);

    @Test
    void countsLandInTheRegistryUnderTheirNamesAndTags() {
        metrics.command("ConfirmScan", "ACCEPTED");
        metrics.command("ConfirmScan", "ACCEPTED");
        metrics.command("ConfirmScan", "DUPLICATE");
        metrics.command("Rescan", "ACCEPTED");
        metrics.duplicateSuppressed("ConfirmScan");
        metrics.jobEmitted(JobKind.OCR);
        metrics.result("ScanSucceeded", true);
        metrics.result("ScanSucceeded", false);
        metrics.leaseExpired(JobKind.SCAN);
        metrics.deadLettered("docpipe.commands", "MALFORMED_JSON");

        assertThat(count("docpipe.pipeline.commands", "type", "ConfirmScan", "outcome", "ACCEPTED")).isEqualTo(2);
        assertThat(count("docpipe.pipeline.commands", "type", "ConfirmScan", "outcome", "DUPLICATE")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.commands", "type", "Rescan", "outcome", "ACCEPTED")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.duplicates", "type", "ConfirmScan")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.jobs.emitted", "kind", "OCR")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.jobs.emitted", "kind", "SCAN")).isZero();
        assertThat(count("docpipe.pipeline.results", "type", "ScanSucceeded", "accepted", "true")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.results", "type", "ScanSucceeded", "accepted", "false")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.results.stale", "type", "ScanSucceeded")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.leases.expired", "kind", "SCAN")).isEqualTo(1);
        assertThat(count("docpipe.pipeline.dlq", "source", "docpipe.commands", "reason", "MALFORMED_JSON")).isEqualTo(1);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
