package dev.docpipe.pipeline.topology;

import dev.docpipe.kafkaconfig.TraceHeaders;
import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends what a decision produced to the output topics. All of it goes out in the task's current
 * transaction (exactly_once_v2), together with the store writes and the input offset: either all of
 * it becomes visible to read_committed readers, or none of it. Every record of a decision carries the
 * decision's trace context (its span is current while the decision runs), so the trace goes on in whoever
 * reads an event, a job or an outcome.
 */
final class Emitter {
    private final ProcessorContext<byte[], byte[]> context;
    private final PipelineMetrics metrics;
    private final OutputEncoder encoder;

    Emitter(ProcessorContext<byte[], byte[]> context, PipelineMetrics metrics, OutputEncoder encoder) {
        this.context = context;
        this.metrics = metrics;
        this.encoder = encoder;
    }

    /** An empty set of outputs for one decision. */
    Outputs outputs() {
        return new Outputs();
    }

    /**
     * The records of one decision, encoded as they are added. A decision builds all of them before it
     * writes its store: an output that cannot be encoded then fails the decision with nothing written,
     * instead of leaving a document advanced with no event, job or outcome.
     */
    final class Outputs {
        private final List<Record<byte[], byte[]>> records = new ArrayList<>();
        private final List<String> sinks = new ArrayList<>();
        private final List<JobKind> jobs = new ArrayList<>();

        private Outputs() {}

        /** Each event to {@code docpipe.events}; each job an event requested to its job topic. */
        Outputs events(List<RecordedEvent> events, long timestamp) {
            for (RecordedEvent event : events) {
                byte[] key = key(event.documentId());
                add(new Record<>(key, encoder.event(event), timestamp, CloudEvents.headersFor(event)),
                        DocpipeTopology.EVENTS_SINK);
                Job job = RequestedJobs.of(event.event()).orElse(null);
                if (job != null) {
                    add(new Record<>(key, encoder.job(job), timestamp), DocpipeTopology.sinkFor(job.kind()));
                    jobs.add(job.kind());
                }
            }
            return this;
        }

        Outputs outcome(CommandOutcome outcome, long timestamp) {
            add(new Record<>(key(outcome.documentId()), encoder.outcome(outcome), timestamp),
                    DocpipeTopology.OUTCOMES_SINK);
            return this;
        }

        private void add(Record<byte[], byte[]> record, String sink) {
            TraceHeaders.inject(Context.current(), record.headers());
            records.add(record);
            sinks.add(sink);
        }

        void send() {
            for (int i = 0; i < records.size(); i++) {
                context.forward(records.get(i), sinks.get(i));
            }
            jobs.forEach(metrics::jobEmitted);
        }
    }

    /** The input record, unchanged, to {@code docpipe.dlq} with why and where it came from. */
    void deadLetter(Record<byte[], byte[]> input, String reason, String detail) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        DeadLetter letter = source == null
                ? new DeadLetter(reason, detail, null, 0, 0)
                : new DeadLetter(reason, detail, source.topic(), source.partition(), source.offset());
        context.forward(input.withHeaders(withDeadLetter(input.headers(), letter)), DocpipeTopology.DLQ_SINK);
        metrics.deadLettered(source == null ? "unknown" : source.topic(), reason);
    }

    /** The original headers (tracing, CloudEvents, …) kept, the dead-letter ones replaced. */
    private static Headers withDeadLetter(Headers original, DeadLetter letter) {
        Headers headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        for (Map.Entry<String, byte[]> header : letter.headers().entrySet()) {
            headers.remove(header.getKey());
            headers.add(header.getKey(), header.getValue());
        }
        return headers;
    }

    private static byte[] key(UUID documentId) {
        return documentId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
