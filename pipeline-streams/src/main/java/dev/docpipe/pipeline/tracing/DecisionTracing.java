package dev.docpipe.pipeline.tracing;

import dev.docpipe.kafkaconfig.TraceHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * Spans of the decider. Kafka Streams has no tracing of its own (it forwards headers but opens no span), so
 * the processors open one per decision by hand: a child of the {@code traceparent} on the input record, made
 * current while the decision runs, so that every record it emits carries this span's context
 * ({@code Emitter}) and its log lines carry its trace id.
 */
public final class DecisionTracing {
    /** No spans; trace context still flows from inputs to outputs, unchanged. */
    public static final DecisionTracing NONE = new DecisionTracing(OpenTelemetry.noop());

    static final String INSTRUMENTATION = "dev.docpipe.pipeline-streams";

    private final Tracer tracer;

    public DecisionTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** "decide ConfirmScan", "decide OcrSucceeded": the decision on one input record. */
    public DecisionSpan decide(String inputType, Headers input, UUID documentId) {
        return start("decide " + inputType, TraceHeaders.extract(input), SpanKind.CONSUMER, documentId);
    }

    /**
     * A lease that ran out is decided on the wall clock, with no input record and so no parent: a trace of
     * its own, which the re-issued job and its worker then continue.
     */
    public DecisionSpan expireLease(UUID documentId) {
        return start("expire lease", Context.root(), SpanKind.INTERNAL, documentId);
    }

    private DecisionSpan start(String name, Context parent, SpanKind kind, UUID documentId) {
        Span span = tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(kind)
                .setAttribute(DecisionSpan.DOCUMENT_ID, documentId.toString())
                .startSpan();
        return new DecisionSpan(span, parent.with(span).makeCurrent());
    }
}
