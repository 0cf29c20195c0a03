package dev.docpipe.workers.tracing;

import dev.docpipe.kafkaconfig.TraceHeaders;
import dev.docpipe.model.job.Job;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The worker's part of a trace: "execute OCR job" / "execute scan job", a child of the {@code traceparent}
 * the pipeline put on the job record, whose own context goes on the result record so that the pipeline's
 * decision on the result continues the same trace. By hand rather than through spring-kafka's observation:
 * the span must cover the execution and name the result, and the result must carry this span, not a
 * producer span beside it (docs/decisions/0013-tracing.md).
 */
@Component
public class JobTracing {
    private final Tracer tracer;

    /** @param openTelemetry Spring Boot's SDK (sampling, OTLP export); without one, no spans */
    @Autowired
    public JobTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
        this(openTelemetry.getIfAvailable(OpenTelemetry::noop));
    }

    public JobTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.docpipe.workers");
    }

    /** Starts the job's span and makes it current (log lines carry its trace id) until the returned span is closed. */
    public JobSpan execute(Job job, Headers jobHeaders) {
        Context parent = TraceHeaders.extract(jobHeaders);
        Span span = tracer.spanBuilder("execute " + kindName(job) + " job")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(JobSpan.DOCUMENT_ID, job.documentId().toString())
                .setAttribute(JobSpan.JOB_ID, job.jobId().toString())
                .setAttribute(JobSpan.ATTEMPT, (long) job.attempt())
                .startSpan();
        Context context = parent.with(span);
        return new JobSpan(span, context.makeCurrent(), headers -> TraceHeaders.inject(context, headers));
    }

    /** "OCR", "scan": as people say it. */
    private static String kindName(Job job) {
        String kind = job.kind().name();
        return kind.length() <= 3 ? kind : kind.toLowerCase(Locale.ROOT);
    }
}
