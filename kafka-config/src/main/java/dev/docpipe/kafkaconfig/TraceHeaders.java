package dev.docpipe.kafkaconfig;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) as Kafka record headers: the way a trace
 * crosses a topic, outside the JSON value, as spring-kafka's observation writes and reads it. The one adapter
 * the services' hand-made spans use (the decider, the workers, the projector: docs/decisions/0013-tracing.md);
 * needs {@code io.opentelemetry:opentelemetry-api}, which this module leaves to them.
 */
public final class TraceHeaders {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header header : headers) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            return header == null || header.value() == null
                    ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    /** Replaces rather than adds: a record carries one trace context, the one of the span that wrote it. */
    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private TraceHeaders() {}

    /** The remote parent the headers name, or {@code Context.root()} when they name none. */
    public static Context extract(Headers headers) {
        return headers == null ? Context.root() : W3C.extract(Context.root(), headers, GETTER);
    }

    /** Writes {@code context}'s span into the headers; a context without a valid span writes nothing. */
    public static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, SETTER);
    }
}
