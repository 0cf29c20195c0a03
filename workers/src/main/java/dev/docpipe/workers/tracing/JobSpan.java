package dev.docpipe.workers.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;

/** One job's execution span, current until closed. */
public final class JobSpan implements AutoCloseable {
    public static final AttributeKey<String> DOCUMENT_ID = AttributeKey.stringKey("docpipe.document.id");
    public static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("docpipe.job.id");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("docpipe.job.attempt");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("docpipe.job.outcome");

    private final Span span;
    private final Scope scope;
    private final Consumer<Headers> injector;

    JobSpan(Span span, Scope scope, Consumer<Headers> injector) {
        this.span = span;
        this.scope = scope;
        this.injector = injector;
    }

    /** Puts this span's traceparent on a record the job sends (its result). */
    public void injectInto(Headers headers) {
        injector.accept(headers);
    }

    /** What became of the job: the result's type, or ABANDONED, EXPIRED, … */
    public void outcome(String outcome) {
        span.setAttribute(OUTCOME, outcome);
    }

    public void failed(Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
