package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectReason;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies workers' results from {@code docpipe.job-results} (co-partitioned with the commands, so the
 * same task owns the document) and, on a wall-clock schedule, expires job leases.
 */
final class JobResultProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final TopologySettings settings;
    private final PipelineMetrics metrics;
    private final DocumentDecider decider;
    private DocumentRepository repository;
    private Emitter emit;
    private ProcessorContext<byte[], byte[]> context;

    JobResultProcessor(TopologySettings settings, PipelineMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.decider = new DocumentDecider(settings.leases());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.repository = DocpipeTopology.repository(context);
        this.emit = new Emitter(context, metrics);
        LeaseExpiry expiry = new LeaseExpiry(repository, decider, emit, metrics);
        context.schedule(settings.leaseCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                timestamp -> expiry.expireUpTo(Instant.ofEpochMilli(timestamp)));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        JobResult result;
        try {
            result = ModelJson.RESULTS.decode(record.value());
            Records.requireKey(record, result.documentId());
        } catch (RejectedRecordException e) {
            emit.deadLetter(record, e.reason().name(), e.getMessage());
            return;
        }
        try {
            apply(record, result);
        } catch (RuntimeException e) {
            if (Records.isKafkaFailure(e)) {
                throw e;
            }
            emit.deadLetter(record, DeadLetter.PROCESSING_ERROR, e.toString());
        }
    }

    private void apply(Record<byte[], byte[]> record, JobResult result) {
        StoredDocument before = repository.load(result.documentId());
        if (before.document() == null) {
            emit.deadLetter(record, RejectReason.UNKNOWN_DOCUMENT.name(),
                    "result of job " + result.jobId() + " for unknown document " + result.documentId());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        List<DocumentEvent> events = decider.onResult(before.document(), result);
        Transition transition = Transition.apply(before.document(), result.documentId(), events, result.jobId(), now);
        repository.save(result.documentId(), before, before.withDocument(transition.after()));
        emit.events(transition.recorded(), record.timestamp());
        metrics.result(result.type(), !(events.getFirst() instanceof StaleJobResultIgnored));
    }
}
