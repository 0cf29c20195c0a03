package dev.docpipe.pipeline.topology;

import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentDecider;
import dev.docpipe.model.document.Transition;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import dev.docpipe.pipeline.tracing.DecisionSpan;
import dev.docpipe.pipeline.tracing.DecisionTracing;
import java.time.Instant;
import java.util.List;

/**
 * Re-issues or fails jobs whose deadline passed. Reads only expired entries of the {@link LeaseIndex}
 * and handles at most {@link #BATCH} per punctuation, so a backlog of expiries cannot stall the
 * task's transaction.
 */
final class LeaseExpiry {
    static final int BATCH = 1_000;

    private final DocumentRepository repository;
    private final DocumentDecider decider;
    private final Emitter emit;
    private final PipelineMetrics metrics;
    private final DecisionTracing tracing;

    LeaseExpiry(DocumentRepository repository, DocumentDecider decider, Emitter emit, PipelineMetrics metrics,
            DecisionTracing tracing) {
        this.repository = repository;
        this.decider = decider;
        this.emit = emit;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    void expireUpTo(Instant now) {
        for (LeaseIndex.Expired entry : repository.leases().expiredAt(now, BATCH)) {
            StoredDocument before = repository.load(entry.documentId());
            Document document = before.document();
            if (document == null || document.currentJob() == null
                    || !document.currentJob().jobId().equals(entry.jobId())) {
                repository.leases().remove(entry); // the job ended or was replaced; nothing to expire
                continue;
            }
            List<DocumentEvent> events = decider.onClock(document, now);
            if (events.isEmpty()) {
                repository.leases().remove(entry); // an index entry that disagrees with the document
                continue;
            }
            try (DecisionSpan span = tracing.expireLease(entry.documentId())) {
                span.jobId(entry.jobId());
                Transition transition = Transition.apply(document, entry.documentId(), events, entry.jobId(), now);
                Emitter.Outputs outputs = emit.outputs().events(transition.recorded(), now.toEpochMilli());
                repository.save(entry.documentId(), before, before.withDocument(transition.after()));
                outputs.send();
                span.events(transition.recorded());
            }
            metrics.leaseExpired(document.currentJob().kind());
        }
    }
}
