package dev.docpipe.pipeline.tracing;

import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.outcome.CommandOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.UUID;

/** One decision's span, current until closed. Attribute names are docpipe's own ({@code docpipe.*}). */
public final class DecisionSpan implements AutoCloseable {
    public static final AttributeKey<String> DOCUMENT_ID = AttributeKey.stringKey("docpipe.document.id");
    public static final AttributeKey<String> COMMAND_ID = AttributeKey.stringKey("docpipe.command.id");
    public static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("docpipe.job.id");
    public static final AttributeKey<String> OUTCOME_STATUS = AttributeKey.stringKey("docpipe.outcome.status");
    public static final AttributeKey<String> OUTCOME_REASON = AttributeKey.stringKey("docpipe.outcome.reason");
    public static final AttributeKey<String> EVENTS = AttributeKey.stringKey("docpipe.events");

    private final Span span;
    private final Scope scope;

    DecisionSpan(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    public DecisionSpan commandId(UUID commandId) {
        span.setAttribute(COMMAND_ID, commandId.toString());
        return this;
    }

    public DecisionSpan jobId(UUID jobId) {
        span.setAttribute(JOB_ID, jobId.toString());
        return this;
    }

    /** The command's outcome: the answer to "why did nothing happen?" sits on the span too. */
    public DecisionSpan outcome(CommandOutcome outcome) {
        span.setAttribute(OUTCOME_STATUS, outcome.status().name());
        if (outcome.reason() != null) {
            span.setAttribute(OUTCOME_REASON, outcome.reason().name());
        }
        return this;
    }

    /** The event types the decision recorded, in order (e.g. "ScanConfirmed,OcrRequested"). */
    public DecisionSpan events(List<RecordedEvent> recorded) {
        span.setAttribute(EVENTS, String.join(",", recorded.stream().map(RecordedEvent::type).toList()));
        return this;
    }

    /** The input went to docpipe.dlq instead of being decided. */
    public DecisionSpan deadLettered(String reason) {
        span.setStatus(StatusCode.ERROR, reason);
        return this;
    }

    public DecisionSpan failed(Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        return this;
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
