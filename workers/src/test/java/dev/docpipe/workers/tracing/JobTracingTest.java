package dev.docpipe.workers.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.workers.testdocs.WorkerFixture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job's span continues the trace on the job record, and the result record continues this span. */
class JobTracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String DECISION_SPAN_ID = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final JobTracing tracing = new JobTracing(sdk);

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void anOcrJobRunsInAChildSpanOfItsTraceparentAndItsResultCarriesThatSpan() {
        Job job = job(JobKind.OCR);
        Headers jobHeaders = new RecordHeaders();
        jobHeaders.add("traceparent", ("00-" + TRACE_ID + "-" + DECISION_SPAN_ID + "-01").getBytes(StandardCharsets.UTF_8));
        Headers resultHeaders = new RecordHeaders();
        String currentInside;

        try (JobSpan span = tracing.execute(job, jobHeaders)) {
            currentInside = Span.current().getSpanContext().getSpanId();
            span.injectInto(resultHeaders);
            span.outcome("SUCCEEDED");
        }

        SpanData executed = spans.getFinishedSpanItems().getFirst();
        assertThat(executed.getName()).isEqualTo("execute OCR job");
        assertThat(executed.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(executed.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(executed.getParentSpanId()).isEqualTo(DECISION_SPAN_ID);
        assertThat(executed.getAttributes().get(JobSpan.JOB_ID)).isEqualTo(job.jobId().toString());
        assertThat(executed.getAttributes().get(JobSpan.DOCUMENT_ID)).isEqualTo(job.documentId().toString());
        assertThat(executed.getAttributes().get(JobSpan.OUTCOME)).isEqualTo("SUCCEEDED");
        assertThat(currentInside).as("current while the job runs, for the log lines").isEqualTo(executed.getSpanId());
        assertThat(new String(resultHeaders.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .startsWith("00-" + TRACE_ID + "-" + executed.getSpanId() + "-");
        assertThat(Span.current().getSpanContext().isValid()).as("nothing current after the job").isFalse();
    }

    @Test
    void aScanJobWithoutTraceparentStartsItsOwnTrace() {
        try (JobSpan span = tracing.execute(job(JobKind.SCAN), new RecordHeaders())) {
            span.outcome("FAILED");
        }

        SpanData executed = spans.getFinishedSpanItems().getFirst();
        assertThat(executed.getName()).isEqualTo("execute scan job");
        assertThat(executed.getParentSpanContext().isValid()).isFalse();
    }

    private static Job job(JobKind kind) {
        return WorkerFixture.job(kind, new FileRef("sha256:" + "ab".repeat(32), "application/pdf", 10, "a.pdf"),
                Duration.ofMinutes(1));
    }
}
