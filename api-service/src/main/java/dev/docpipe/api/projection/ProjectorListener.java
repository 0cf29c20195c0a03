package dev.docpipe.api.projection;

import dev.docpipe.api.deadletter.DeadLetters;
import dev.docpipe.api.tracing.ProjectionTracing;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.readmodel.DocumentProjector;
import dev.docpipe.readmodel.ProjectionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Projects {@code docpipe.events} into the read model (group {@value #GROUP}, read_committed). A batch
 * is applied in one transaction and its offsets committed after it; a failed batch is retried (see
 * KafkaConfig), and the projector's version checks make the retry harmless. An unreadable event goes to
 * {@code docpipe.dlq} and the batch goes on without it.
 */
@Component
public class ProjectorListener {
    public static final String GROUP = "docpipe-projector";

    private final DocumentProjector projector;
    private final DeadLetters deadLetters;
    private final ProjectionTracing tracing;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter invalid;
    private final Counter unreadable;

    public ProjectorListener(DocumentProjector projector, DeadLetters deadLetters, MeterRegistry metrics,
            ProjectionTracing tracing) {
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.applied = counter(metrics, "applied");
        this.duplicates = counter(metrics, "duplicate");
        this.gaps = counter(metrics, "gap");
        this.invalid = counter(metrics, "invalid");
        this.unreadable = counter(metrics, "unreadable");
    }

    private static Counter counter(MeterRegistry metrics, String result) {
        return Counter.builder("docpipe.projector.events").tag("result", result)
                .description("events seen by the read-model projector, by what it did with them").register(metrics);
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.EVENTS, batch = "true")
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordedEvent> events = new ArrayList<>(records.size());
        ProjectionTracing.Batch spans = tracing.batch();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                RecordedEvent event = ModelJson.EVENTS.decode(record.value());
                events.add(event);
                spans.projecting(record.headers(), event);
            } catch (RejectedRecordException e) {
                unreadable.increment();
                deadLetters.send(record, e);
            }
        }
        ProjectionResult result;
        try {
            result = projector.apply(events);
        } catch (RuntimeException e) {
            spans.failed(e);
            throw e;
        } finally {
            spans.end();
        }
        applied.increment(result.applied());
        duplicates.increment(result.duplicates());
        gaps.increment(result.gaps());
        invalid.increment(result.invalid());
    }
}
