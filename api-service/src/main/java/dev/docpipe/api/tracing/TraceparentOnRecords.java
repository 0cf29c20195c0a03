package dev.docpipe.api.tracing;

import dev.docpipe.kafkaconfig.TraceHeaders;
import io.opentelemetry.context.Context;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Puts the W3C {@code traceparent} of the sending thread's current span (the HTTP request's) on every record
 * the API produces, its commands above all: the pipeline's decision continues the request's trace. Kafka calls
 * {@link #onSend} on the thread that sends, before the record is serialized. A thread with no current span adds
 * nothing, and a record that already names its trace (a dead letter keeps its input's) keeps it.
 *
 * <p>Not spring-kafka's template observation: an observed send first asks the cluster for its id, with the
 * admin client's timeout, under a lock shared by every send, so with the broker unreachable every command
 * request would wait for it instead of failing fast with 503 (docs/decisions/0013-tracing.md).
 */
public class TraceparentOnRecords implements ProducerInterceptor<Object, Object> {
    private static final String TRACEPARENT = "traceparent";

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (record.headers().lastHeader(TRACEPARENT) == null) {
            TraceHeaders.inject(Context.current(), record.headers());
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
