package dev.docpipe.pipeline.topology;

import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends what a decision produced to the output topics. All of it goes out in the task's current
 * transaction (exactly_once_v2), together with the store writes and the input offset: either all of
 * it becomes visible to read_committed readers, or none of it.
 */
final class Emitter {
    private final ProcessorContext<byte[], byte[]> context;
    private final PipelineMetrics metrics;

    Emitter(ProcessorContext<byte[], byte[]> context, PipelineMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    /** Each event to {@code docpipe.events}; each job an event requested to its job topic. */
    void events(List<RecordedEvent> events, long timestamp) {
        for (RecordedEvent event : events) {
            byte[] key = key(event.documentId());
            context.forward(new Record<>(key, ModelJson.EVENTS.encode(event), timestamp, CloudEvents.headersFor(event)),
                    DocpipeTopology.EVENTS_SINK);
            RequestedJobs.of(event.event()).ifPresent(job -> {
                context.forward(new Record<>(key, ModelJson.JOBS.encode(job), timestamp),
                        DocpipeTopology.sinkFor(job.kind()));
                metrics.jobEmitted(job.kind());
            });
        }
    }

    void outcome(CommandOutcome outcome, long timestamp) {
        context.forward(new Record<>(key(outcome.documentId()), ModelJson.OUTCOMES.encode(outcome), timestamp),
                DocpipeTopology.OUTCOMES_SINK);
    }

    /** The input record, unchanged, to {@code docpipe.dlq} with why and where it came from. */
    void deadLetter(Record<byte[], byte[]> input, String reason, String detail) {
        var source = context.recordMetadata().orElse(null);
        context.forward(input.withHeaders(DeadLetter.headers(reason, detail, source, input.headers())),
                DocpipeTopology.DLQ_SINK);
        metrics.deadLettered(source == null ? "unknown" : source.topic(), reason);
    }

    private static byte[] key(UUID documentId) {
        return documentId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
