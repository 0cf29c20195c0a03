package dev.docpipe.pipeline.topology;

import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.ErasedDocumentResultDiscarded;
import dev.docpipe.model.event.StaleJobResultIgnored;
import dev.docpipe.model.job.JobResult;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectReason;
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
    private final OutputEncoder encoder;
    private final DocumentDecider decider;
    private DocumentRepository repository;
    private Emitter emit;
    private DecodeOrDeadLetter<JobResult> decoding;
    private ProcessorContext<byte[], byte[]> context;

    JobResultProcessor(TopologySettings settings, PipelineMetrics metrics, OutputEncoder encoder) {
        this.settings = settings;
        this.metrics = metrics;
        this.encoder = encoder;
        this.decider = new DocumentDecider(settings.leases());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.repository = DocpipeTopology.repository(context);
        this.emit = new Emitter(context, metrics, encoder);
        this.decoding = new DecodeOrDeadLetter<>(ModelJson.RESULTS::decode, JobResult::documentId,
                settings.inputPartitions(), context, emit);
        LeaseExpiry expiry = new LeaseExpiry(repository, decider, emit, metrics);
        context.schedule(settings.leaseCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                timestamp -> expiry.expireUpTo(Instant.ofEpochMilli(timestamp)));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        JobResult result = decoding.decode(record);
        if (result == null) {
            return;
        }
        try {
            apply(record, result);
        } catch (RuntimeException e) {
            if (Records.isKafkaFailure(e)) {
                throw e;
            }
            // Nothing was written (outputs are built before the store): the document is as it was.
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
        Emitter.Outputs outputs = emit.outputs().events(transition.recorded(), record.timestamp());
        repository.save(result.documentId(), before, before.withDocument(transition.after()));
        outputs.send();
        // a result discarded because its document is erased was not accepted either
        DocumentEvent first = events.getFirst();
        metrics.result(result.type(), !(first instanceof StaleJobResultIgnored
                || first instanceof ErasedDocumentResultDiscarded));
    }
}
