package dev.docpipe.api.tracing;

import dev.docpipe.kafkaconfig.TraceHeaders;
import dev.docpipe.model.event.RecordedEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The projector's part of a trace: a "project &lt;EventType&gt;" span per event, a child of the
 * {@code traceparent} the decider put on the event record. The projector is a batch listener, which
 * spring-kafka's observation does not cover, and a batch is applied in one transaction: each event's span
 * lasts from its record's arrival to the batch's commit, which is when the read model shows it.
 */
@Component
public class ProjectionTracing {
    public static final AttributeKey<String> DOCUMENT_ID = AttributeKey.stringKey("docpipe.document.id");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("docpipe.event.id");
    public static final AttributeKey<Long> DOCUMENT_VERSION = AttributeKey.longKey("docpipe.document.version");
    public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("docpipe.projector.batch.size");

    private final Tracer tracer;

    /** @param openTelemetry Spring Boot's SDK (sampling, OTLP export); without one, no spans */
    public ProjectionTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
        this.tracer = openTelemetry.getIfAvailable(OpenTelemetry::noop).getTracer("dev.docpipe.projector");
    }

    public Batch batch() {
        return new Batch();
    }

    /** The spans of one batch's events. */
    public final class Batch {
        private final List<Span> spans = new ArrayList<>();

        private Batch() {}

        public void projecting(Headers headers, RecordedEvent event) {
            spans.add(tracer.spanBuilder("project " + event.type())
                    .setParent(TraceHeaders.extract(headers))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute(DOCUMENT_ID, event.documentId().toString())
                    .setAttribute(EVENT_ID, event.eventId().toString())
                    .setAttribute(DOCUMENT_VERSION, event.version())
                    .startSpan());
        }

        /** The batch's transaction failed; it will be retried, and its events get new spans then. */
        public void failed(Throwable e) {
            for (Span span : spans) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            }
        }

        public void end() {
            for (Span span : spans) {
                span.setAttribute(BATCH_SIZE, (long) spans.size());
                span.end();
            }
        }
    }
}
